using Tabml.Bench.Results;
using Tabml.Metrics;

namespace Tabml.Bench.Reports;

/// <summary>
/// The paper's aggregation (method-spec §8): score = exp(mean over datasets of mean over splits of
/// log(error + 0.01)), the 0.01 shift left in; a 95% Student-t interval over the per-split dataset means;
/// time per 1000 training rows averaged over datasets; wins/ties/losses per dataset against a reference.
/// Errors are classification error or nRMSE. Each method is summarised over the datasets it has results on.
/// </summary>
public static class Aggregation
{
    public const double Shift = 0.01;

    public static string TaskType(string task) => task == "regression" ? "regression" : "classification";

    public static IReadOnlyList<MethodSummary> Summarize(IReadOnlyList<ResultRow> rows, string? reference)
    {
        var ok = rows.Where(r => r.Ok).ToArray();
        var summaries = new List<MethodSummary>();
        foreach (var byType in ok.GroupBy(r => TaskType(r.Task)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var referenceErrors = MeanErrors(byType.Where(r => r.Method == reference));
            foreach (var byMethod in byType.GroupBy(r => r.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                summaries.Add(Summarize(byMethod.Key, byType.Key, byMethod.ToArray(), reference is null ? null : referenceErrors));
            }
        }

        return summaries;
    }

    /// <summary>exp(mean log(err + 0.01)) for a list of errors (a shifted geometric mean).</summary>
    public static double ShiftedGeometricMean(IEnumerable<double> errors) => Math.Exp(errors.Select(e => Math.Log(e + Shift)).Average());

    private static MethodSummary Summarize(string method, string taskType, ResultRow[] rows, Dictionary<string, double>? reference)
    {
        var byDataset = rows.GroupBy(r => r.Dataset).ToArray();
        var logMean = byDataset.Average(d => d.Average(r => Math.Log(r.Score!.Value + Shift)));
        var perSplit = rows.GroupBy(r => r.Split).OrderBy(g => g.Key).Select(g => g.Average(r => Math.Log(r.Score!.Value + Shift))).ToArray();
        double? lower = null;
        double? upper = null;
        if (perSplit.Length >= 2)
        {
            var mean = perSplit.Average();
            var sd = Math.Sqrt(perSplit.Sum(v => (v - mean) * (v - mean)) / (perSplit.Length - 1));
            var half = StudentT.Quantile975(perSplit.Length - 1) * sd / Math.Sqrt(perSplit.Length);
            (lower, upper) = (Math.Exp(logMean - half), Math.Exp(logMean + half));
        }

        var seconds = byDataset.Average(d => d.Average(r => r.SecondsPer1000));
        int wins = 0, ties = 0, losses = 0;
        if (reference is not null)
        {
            foreach (var (dataset, error) in MeanErrors(rows))
            {
                if (!reference.TryGetValue(dataset, out var other))
                {
                    continue;
                }

                if (Math.Abs(error - other) <= 1e-12)
                {
                    ties++;
                }
                else if (error < other)
                {
                    wins++;
                }
                else
                {
                    losses++;
                }
            }
        }

        return new MethodSummary(method, taskType, byDataset.Length, perSplit.Length, Math.Exp(logMean), lower, upper, seconds, wins, ties, losses)
        {
            LogLoss = MeanOverDatasets(byDataset, r => r.LogLoss, 0.0),
            OneMinusAuc = MeanOverDatasets(byDataset, r => r.Auc is { } auc ? 1.0 - auc : null, Shift),
        };
    }

    /// <summary>exp(mean over datasets of mean over splits of log(value + shift)); null when a row lacks the value.</summary>
    private static double? MeanOverDatasets(IGrouping<string, ResultRow>[] byDataset, Func<ResultRow, double?> value, double shift)
    {
        if (byDataset.Any(d => d.Any(r => value(r) is null or double.NaN)))
        {
            return null;
        }

        return Math.Exp(byDataset.Average(d => d.Average(r => Math.Log(value(r)!.Value + shift))));
    }

    /// <summary>Mean error per dataset.</summary>
    public static Dictionary<string, double> MeanErrors(IEnumerable<ResultRow> rows) =>
        rows.Where(r => r.Ok).GroupBy(r => r.Dataset).ToDictionary(g => g.Key, g => g.Average(r => r.Score!.Value), StringComparer.Ordinal);
}
