using System.Text.Json;

namespace Tabml.Bench.Results;

/// <summary>
/// results.jsonl: one JSON object per line, appended as each run finishes (flushed, so an interrupted run
/// keeps what it did); reading keeps the last line for each (dataset, method, split) and skips broken lines.
/// </summary>
public sealed class ResultStore
{
    private readonly Lock _gate = new();

    public ResultStore(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public IReadOnlyList<ResultRow> ReadAll() => Read(Path);

    public static IReadOnlyList<ResultRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var rows = new Dictionary<(string, string, int), ResultRow>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var row = JsonSerializer.Deserialize<ResultRow>(line, Json);
                if (row is not null)
                {
                    rows[row.Key] = row;
                }
            }
            catch (JsonException)
            {
                // A line cut by an interrupted run: that run is simply redone.
            }
        }

        return rows.Values.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Split).ToArray();
    }

    public void Append(ResultRow row)
    {
        var line = JsonSerializer.Serialize(row, Json);
        lock (_gate)
        {
            File.AppendAllText(Path, line + "\n");
        }
    }

    /// <summary>Writes rows as a fresh file (merging shards).</summary>
    public static void WriteAll(string path, IEnumerable<ResultRow> rows) =>
        File.WriteAllLines(path, rows.Select(r => JsonSerializer.Serialize(r, Json)));
}
