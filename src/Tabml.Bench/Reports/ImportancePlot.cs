using System.Globalization;
using ScottPlot;
using Tabml.Errors;
using Tabml.Explaining;

namespace Tabml.Bench.Reports;

/// <summary>
/// The bar chart of a permutation-importance report (PNG or SVG by the file's extension): one horizontal bar
/// per input column, most important on top, with the 95% interval as error bars.
/// </summary>
public static class ImportancePlot
{
    public static void Write(ImportanceReport report, string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw TabmlException.Usage($"--plot {path}: give a .png or .svg file");
        }

        var plot = Build(report);
        var height = 140 + (24 * report.Columns.Count);
        if (extension == ".png")
        {
            plot.SavePng(path, 900, height);
        }
        else
        {
            plot.SaveSvg(path, 900, height);
        }
    }

    private static Plot Build(ImportanceReport report)
    {
        var plot = new Plot();
        var count = report.Columns.Count;
        var bars = report.Columns.Select((c, i) => new Bar
        {
            Position = count - 1 - i,
            Value = c.Importance,
            Error = c.Upper is { } upper ? upper - c.Importance : 0,
            FillColor = c.Lower is > 0 ? Colors.SteelBlue : Colors.LightGray,
        }).ToArray();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Axes.Left.SetTicks(bars.Select(b => b.Position).ToArray(), report.Columns.Select(c => c.Column).ToArray());
        plot.Axes.Bottom.Label.Text = $"increase of {report.Metric} when the column is shuffled (mean of {report.Repeats}, 95% interval)";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"permutation importance: {report.Model}, {report.Rows} rows, baseline {report.Metric} {report.Baseline:F4}"));
        plot.Axes.Margins(0.05, 0.02);
        return plot;
    }
}
