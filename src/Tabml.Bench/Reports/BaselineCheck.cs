using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tabml.Bench.Results;
using Tabml.Errors;

namespace Tabml.Bench.Reports;

/// <summary>
/// The CI regression check of default scores: each baseline entry gives a dataset, a method, its expected
/// mean test error and a tolerance; a run whose mean error exceeds expected + tolerance, or that lacks the
/// entry, is a regression.
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
        var actual = rows.Where(r => r.Ok).GroupBy(r => (r.Dataset, r.Method)).ToDictionary(g => g.Key, g => g.Average(r => r.Score!.Value));
        var regressions = new List<Regression>();
        foreach (var entry in baseline.Entries)
        {
            if (!actual.TryGetValue((entry.Dataset, entry.Method), out var score))
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

    /// <summary>A baseline from a run's results: each (dataset, method) mean error with a tolerance of max(0.005, 3%).</summary>
    public static BaselineFile FromResults(IReadOnlyList<ResultRow> rows, string description) => new(
        description,
        rows.Where(r => r.Ok).GroupBy(r => (r.Dataset, r.Method)).OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal)
            .Select(g =>
            {
                var score = Math.Round(g.Average(r => r.Score!.Value), 6);
                return new BaselineEntry(g.Key.Dataset, g.Key.Method, score, Math.Round(Math.Max(0.005, 0.03 * score), 6));
            }).ToArray());

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, BaselineFile baseline) =>
        File.WriteAllText(path, JsonSerializer.Serialize(baseline, Indented) + "\n");

    public static string Format(IReadOnlyList<Regression> regressions)
    {
        var text = new StringBuilder();
        text.AppendLine("dataset              method          expected  tolerance  actual");
        foreach (var r in regressions)
        {
            var actual = r.Actual is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "missing";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Entry.Dataset,-20} {r.Entry.Method,-15} {r.Entry.Score,8:F4} {r.Entry.Tolerance,10:F4}  {actual}"));
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
    [property: JsonPropertyName("tolerance")] double Tolerance);

public sealed record Regression(BaselineEntry Entry, double? Actual);
