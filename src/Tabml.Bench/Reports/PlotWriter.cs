using System.Globalization;
using ScottPlot;
using Tabml.Bench.Results;

namespace Tabml.Bench.Reports;

/// <summary>
/// The plots (ScottPlot, PNG and SVG): per task type, score versus training time per 1000 rows (log scale)
/// like the paper's figure, with the Pareto front; and each method's per-dataset error relative to the
/// reference method.
/// </summary>
public static class PlotWriter
{
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<ResultRow> rows, IReadOnlyList<MethodSummary> summaries, string? reference)
    {
        var written = new List<string>();
        foreach (var group in summaries.GroupBy(s => s.TaskType))
        {
            written.AddRange(Save(Pareto(group.Key, group.ToArray()), directory, $"pareto-{group.Key}"));
            if (reference is not null && group.Any(s => s.Method == reference))
            {
                var typed = rows.Where(r => r.Ok && Aggregation.TaskType(r.Task) == group.Key).ToArray();
                written.AddRange(Save(Relative(group.Key, typed, reference), directory, $"relative-{group.Key}"));
            }
        }

        return written;
    }

    private static Plot Pareto(string taskType, MethodSummary[] methods)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < methods.Length; i++)
        {
            var m = methods[i];
            var x = Math.Log10(Math.Max(m.SecondsPer1000, 1e-4));
            var marker = plot.Add.Marker(x, m.Score);
            marker.Color = palette.GetColor(i);
            marker.MarkerSize = 10;
            marker.LegendText = m.Method;
            if (m.Lower is { } lo && m.Upper is { } hi)
            {
                var bar = plot.Add.Line(x, lo, x, hi);
                bar.Color = palette.GetColor(i);
            }

            var label = plot.Add.Text(m.Method, x, m.Score);
            label.LabelFontSize = 10;
            label.OffsetX = 6;
        }

        var front = ParetoFront(methods);
        if (front.Length > 1)
        {
            var line = plot.Add.Scatter(front.Select(m => Math.Log10(Math.Max(m.SecondsPer1000, 1e-4))).ToArray(), front.Select(m => m.Score).ToArray());
            line.MarkerSize = 0;
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Math.Pow(10, v).ToString("G3", CultureInfo.InvariantCulture) };
        plot.Axes.Bottom.Label.Text = "training time per 1000 rows [s] (log scale)";
        plot.Axes.Left.Label.Text = taskType == "regression" ? "shifted geometric mean of nRMSE" : "shifted geometric mean of classification error";
        plot.Title($"tabml benchmark: {taskType}");
        plot.Axes.Margins(0.15, 0.15);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot Relative(string taskType, ResultRow[] rows, string reference)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var referenceErrors = Aggregation.MeanErrors(rows.Where(r => r.Method == reference));
        var datasets = referenceErrors.Keys.Order(StringComparer.Ordinal).ToArray();
        var methods = rows.Select(r => r.Method).Where(m => m != reference).Distinct().Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < methods.Length; i++)
        {
            var errors = Aggregation.MeanErrors(rows.Where(r => r.Method == methods[i]));
            var points = datasets.Select((d, k) => (k, errors.TryGetValue(d, out var e) ? (e + Aggregation.Shift) / (referenceErrors[d] + Aggregation.Shift) : double.NaN))
                .Where(p => !double.IsNaN(p.Item2)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var series = plot.Add.Scatter(points.Select(p => p.k + ((i - ((methods.Length - 1) / 2.0)) * 0.6 / Math.Max(1, methods.Length))).ToArray(), points.Select(p => p.Item2).ToArray());
            series.LineWidth = 0;
            series.MarkerSize = 7;
            series.Color = palette.GetColor(i);
            series.LegendText = methods[i];
        }

        plot.Add.HorizontalLine(1.0, 1, Colors.Black, LinePattern.Dashed);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, datasets.Length).Select(k => (double)k).ToArray(), datasets);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Left.Label.Text = $"(error + 0.01) / ({reference} error + 0.01)";
        plot.Axes.Margins(0.05, 0.15);
        plot.Axes.SetLimitsX(-0.5, datasets.Length - 0.5);
        plot.Layout.Fixed(new PixelPadding(80, 20, 110, 40));
        plot.Title($"per dataset, relative to {reference}: {taskType}");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Methods not beaten on both time and score by another, fastest first.</summary>
    public static MethodSummary[] ParetoFront(IReadOnlyList<MethodSummary> methods) =>
        methods.Where(m => !methods.Any(o => o != m && o.SecondsPer1000 <= m.SecondsPer1000 && o.Score <= m.Score && (o.SecondsPer1000 < m.SecondsPer1000 || o.Score < m.Score)))
            .OrderBy(m => m.SecondsPer1000).ToArray();

    private static IEnumerable<string> Save(Plot plot, string directory, string name)
    {
        var png = Path.Combine(directory, $"{name}.png");
        var svg = Path.Combine(directory, $"{name}.svg");
        plot.SavePng(png, 900, 600);
        plot.SaveSvg(svg, 900, 600);
        return [png, svg];
    }
}
