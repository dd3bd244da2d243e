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
        text.AppendLine("Score: shifted geometric mean exp(mean log(error + 0.01)) over datasets (classification error or nRMSE on the test rows; method-spec §8), 95% Student-t interval over splits. Time: training seconds per 1000 training rows, averaged over datasets.");
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
            var against = reference is null ? string.Empty : $" | W/T/L vs {reference}";
            text.AppendLine($"| method | datasets | splits | score | 95% interval | s per 1K rows{against} |");
            text.AppendLine($"|---|---:|---:|---:|---|---:{(reference is null ? string.Empty : "|---:")}|");
            foreach (var s in group.OrderBy(s => s.Score))
            {
                var interval = s.Lower is { } lo && s.Upper is { } hi ? Invariant($"[{lo:F4}, {hi:F4}]") : "-";
                var wtl = reference is null ? string.Empty : Invariant($" | {s.Wins}/{s.Ties}/{s.Losses}");
                text.AppendLine(Invariant($"| {s.Method} | {s.Datasets} | {s.Splits} | {s.Score:F4} | {interval} | {s.SecondsPer1000:F3}{wtl} |"));
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

        return text.ToString();
    }

    public static string Csv(IReadOnlyList<ResultRow> rows, IReadOnlyList<MethodSummary> summaries)
    {
        var text = new StringBuilder();
        text.AppendLine("level,task_type,dataset,method,datasets,splits,score,lower,upper,seconds_per_1k,wins,ties,losses");
        foreach (var s in summaries)
        {
            text.AppendLine(Invariant($"summary,{s.TaskType},,{s.Method},{s.Datasets},{s.Splits},{s.Score:R},{s.Lower:R},{s.Upper:R},{s.SecondsPer1000:R},{s.Wins},{s.Ties},{s.Losses}"));
        }

        foreach (var g in rows.Where(r => r.Ok).GroupBy(r => (r.Dataset, r.Method, r.Task)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant($"dataset,{Aggregation.TaskType(g.Key.Task)},{g.Key.Dataset},{g.Key.Method},1,{g.Count()},{g.Average(r => r.Score!.Value):R},,,{g.Average(r => r.SecondsPer1000):R},,,"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
