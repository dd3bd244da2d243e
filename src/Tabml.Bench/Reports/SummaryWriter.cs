using System.Globalization;
using System.Text;
using Tabml.Bench.Results;

namespace Tabml.Bench.Reports;

/// <summary>Writes summary.md (tables per task type and per dataset) and summary.csv.</summary>
public static class SummaryWriter
{
    public static void Write(string directory, IReadOnlyList<ResultRow> rows, IReadOnlyList<MethodSummary> summaries, string? reference)
    {
        File.WriteAllText(Path.Combine(directory, "summary.md"), Markdown(rows, summaries, reference));
        File.WriteAllText(Path.Combine(directory, "summary.csv"), Csv(rows, summaries));
    }

    public static string Markdown(IReadOnlyList<ResultRow> rows, IReadOnlyList<MethodSummary> summaries, string? reference)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark summary");
        text.AppendLine();
        text.AppendLine("Score: shifted geometric mean exp(mean log(error + 0.01)) over datasets (classification error or nRMSE on the test rows; method-spec §8), 95% Student-t interval over splits. Classification also: log loss (geometric mean over datasets) and 1 − AUC (shifted like the error; macro one-vs-rest for multiclass). Ratios are to the reference method over the same datasets. Time: training seconds per 1000 training rows, averaged over datasets.");
        var failed = rows.Count(r => !r.Ok);
        if (failed > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"{failed} runs failed; they are left out (see results.jsonl)."));
        }

        foreach (var group in summaries.GroupBy(s => s.TaskType))
        {
            text.AppendLine();
            text.AppendLine($"## {group.Key}");
            text.AppendLine();
            var classification = group.Key == "classification";
            var referenceSummary = group.FirstOrDefault(s => s.Method == reference);
            var against = reference is null ? string.Empty : $" | W/T/L vs {reference}";
            var extra = classification ? " | log loss | 1−AUC" : string.Empty;
            var ratios = referenceSummary is null ? string.Empty : classification ? " | ratios (error, log loss, 1−AUC)" : " | ratio";
            text.AppendLine($"| method | datasets | splits | score | 95% interval{extra} | s per 1K rows{against}{ratios} |");
            text.AppendLine($"|---|---:|---:|---:|---{(classification ? "|---:|---:" : string.Empty)}|---:{(reference is null ? string.Empty : "|---:")}{(ratios.Length > 0 ? "|---" : string.Empty)}|");
            foreach (var s in group.OrderBy(s => s.Score))
            {
                var interval = s.Lower is { } lo && s.Upper is { } hi ? Invariant($"[{lo:F4}, {hi:F4}]") : "-";
                var wtl = reference is null ? string.Empty : Invariant($" | {s.Wins}/{s.Ties}/{s.Losses}");
                var probabilities = classification ? $" | {Format(s.LogLoss)} | {Format(s.OneMinusAuc)}" : string.Empty;
                var ratio = referenceSummary is null ? string.Empty : " | " + Ratio(s.Score, referenceSummary.Score)
                    + (classification ? $", {Ratio(s.LogLoss, referenceSummary.LogLoss)}, {Ratio(s.OneMinusAuc, referenceSummary.OneMinusAuc)}" : string.Empty);
                text.AppendLine(Invariant($"| {s.Method} | {s.Datasets} | {s.Splits} | {s.Score:F4} | {interval}{probabilities} | {s.SecondsPer1000:F3}{wtl}{ratio} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("## Mean test error per dataset");
        var methods = rows.Select(r => r.Method).Distinct().Order(StringComparer.Ordinal).ToArray();
        text.AppendLine();
        text.AppendLine($"| dataset | task | {string.Join(" | ", methods)} |");
        text.AppendLine($"|---|---|{string.Concat(methods.Select(_ => "---:|"))}");
        foreach (var dataset in rows.GroupBy(r => r.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var cells = methods.Select(m =>
            {
                var ok = dataset.Where(r => r.Method == m && r.Ok).ToArray();
                return ok.Length == 0 ? "-" : Invariant($"{ok.Average(r => r.Score!.Value):F4}");
            });
            text.AppendLine($"| {dataset.Key} | {dataset.First().Task} | {string.Join(" | ", cells)} |");
        }

        var classificationRows = rows.Where(r => Aggregation.TaskType(r.Task) == "classification").ToArray();
        if (classificationRows.Any(r => r.Ok && r.LogLoss is not null))
        {
            text.AppendLine();
            text.AppendLine("## Mean test log loss per classification dataset");
            text.AppendLine();
            text.AppendLine($"| dataset | task | {string.Join(" | ", methods)} |");
            text.AppendLine($"|---|---|{string.Concat(methods.Select(_ => "---:|"))}");
            foreach (var dataset in classificationRows.GroupBy(r => r.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var cells = methods.Select(m =>
                {
                    var ok = dataset.Where(r => r.Method == m && r.Ok && r.LogLoss is not null).ToArray();
                    return ok.Length == 0 ? "-" : Invariant($"{ok.Average(r => r.LogLoss!.Value):F4}");
                });
                text.AppendLine($"| {dataset.Key} | {dataset.First().Task} | {string.Join(" | ", cells)} |");
            }
        }

        return text.ToString();
    }

    public static string Csv(IReadOnlyList<ResultRow> rows, IReadOnlyList<MethodSummary> summaries)
    {
        var text = new StringBuilder();
        text.AppendLine("level,task_type,dataset,method,datasets,splits,score,lower,upper,seconds_per_1k,wins,ties,losses,log_loss,one_minus_auc");
        foreach (var s in summaries)
        {
            text.AppendLine(Invariant($"summary,{s.TaskType},,{s.Method},{s.Datasets},{s.Splits},{s.Score:R},{s.Lower:R},{s.Upper:R},{s.SecondsPer1000:R},{s.Wins},{s.Ties},{s.Losses},{s.LogLoss:R},{s.OneMinusAuc:R}"));
        }

        foreach (var g in rows.Where(r => r.Ok).GroupBy(r => (r.Dataset, r.Method, r.Task)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            var logLoss = g.All(r => r.LogLoss is not null) ? g.Average(r => r.LogLoss!.Value) : (double?)null;
            var auc = g.All(r => r.Auc is not null) ? g.Average(r => 1 - r.Auc!.Value) : (double?)null;
            text.AppendLine(Invariant($"dataset,{Aggregation.TaskType(g.Key.Task)},{g.Key.Dataset},{g.Key.Method},1,{g.Count()},{g.Average(r => r.Score!.Value):R},,,{g.Average(r => r.SecondsPer1000):R},,,,{logLoss:R},{auc:R}"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Format(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? value, double? reference) =>
        value is { } v && reference is { } r && r > 0 ? (v / r).ToString("F3", CultureInfo.InvariantCulture) : "-";
}
