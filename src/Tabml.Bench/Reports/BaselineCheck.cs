using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tabml.Bench.Results;
using Tabml.Errors;

namespace Tabml.Bench.Reports;

/// <summary>
/// The CI regression check of default scores: each baseline entry gives a dataset, a method, a metric (the
/// benchmark's score — classification error or nRMSE — or, for classification, the test log loss), its
/// expected mean and a tolerance; a run whose mean exceeds expected + tolerance, or that lacks the entry, is
/// a regression. Log loss is checked too because the default preset is chosen for calibrated probabilities.
/// </summary>
public static class BaselineCheck
{
    public static BaselineFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw TabmlException.Usage($"baseline file not found: {path}");
        }

        try
        {
            return JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path)) ?? throw TabmlException.Usage($"{path}: empty baseline");
        }
        catch (JsonException e)
        {
            throw TabmlException.Usage($"{path}: not a baseline file: {e.Message}");
        }
    }

    /// <summary>The entries that got worse (or went missing).</summary>
    public static IReadOnlyList<Regression> Compare(BaselineFile baseline, IReadOnlyList<ResultRow> rows)
    {
        var groups = rows.Where(r => r.Ok).GroupBy(r => (r.Dataset, r.Method)).ToDictionary(g => g.Key, g => g.ToArray());
        var regressions = new List<Regression>();
        foreach (var entry in baseline.Entries)
        {
            var score = groups.TryGetValue((entry.Dataset, entry.Method), out var group) ? Mean(group, entry.MetricName) : null;
            if (score is null)
            {
                regressions.Add(new Regression(entry, null));
            }
            else if (score > entry.Score + entry.Tolerance)
            {
                regressions.Add(new Regression(entry, score));
            }
        }

        return regressions;
    }

    /// <summary>
    /// A baseline from a run's results: each (dataset, method) mean score with a tolerance of max(0.005, 3%),
    /// and for classification the mean log loss with max(0.01, 5%) (probabilities vary more between runs of
    /// small datasets than labels do).
    /// </summary>
    public static BaselineFile FromResults(IReadOnlyList<ResultRow> rows, string description)
    {
        var entries = new List<BaselineEntry>();
        foreach (var g in rows.Where(r => r.Ok).GroupBy(r => (r.Dataset, r.Method)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal))
        {
            var score = Math.Round(g.Average(r => r.Score!.Value), 6);
            entries.Add(new BaselineEntry(g.Key.Dataset, g.Key.Method, score, Math.Round(Math.Max(0.005, 0.03 * score), 6)));
            if (Mean(g.ToArray(), LogLossMetric) is { } logLoss)
            {
                entries.Add(new BaselineEntry(g.Key.Dataset, g.Key.Method, Math.Round(logLoss, 6), Math.Round(Math.Max(0.01, 0.05 * logLoss), 6)) { Metric = LogLossMetric });
            }
        }

        return new BaselineFile(description, entries);
    }

    private const string LogLossMetric = "log_loss";

    /// <summary>The mean of one metric over a group's rows; null when a row lacks it (log loss of regression rows).</summary>
    private static double? Mean(IReadOnlyList<ResultRow> group, string metric)
    {
        var values = group.Select(r => metric == LogLossMetric ? r.LogLoss : r.Score).ToArray();
        return values.All(v => v is not null) ? values.Average(v => v!.Value) : null;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, BaselineFile baseline) =>
        File.WriteAllText(path, JsonSerializer.Serialize(baseline, Indented) + "\n");

    public static string Format(IReadOnlyList<Regression> regressions)
    {
        var text = new StringBuilder();
        text.AppendLine("dataset              method          metric    expected  tolerance  actual");
        foreach (var r in regressions)
        {
            var actual = r.Actual is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "missing";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Entry.Dataset,-20} {r.Entry.Method,-15} {r.Entry.MetricName,-9} {r.Entry.Score,8:F4} {r.Entry.Tolerance,10:F4}  {actual}"));
        }

        return text.ToString();
    }
}

public sealed record BaselineFile(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("entries")] IReadOnlyList<BaselineEntry> Entries);

public sealed record BaselineEntry(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("tolerance")] double Tolerance)
{
    /// <summary>"log_loss" for a log-loss entry; null (written as absent) for the benchmark's score.</summary>
    [JsonPropertyName("metric")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Metric { get; init; }

    [JsonIgnore]
    public string MetricName => Metric ?? "score";
}

public sealed record Regression(BaselineEntry Entry, double? Actual);
