using Tabml.Bench.Results;

namespace Tabml.Bench.Reports;

/// <summary>Everything written after a run: summary.md, summary.csv and the plots.</summary>
public static class BenchReport
{
    public static IReadOnlyList<MethodSummary> Write(string directory, IReadOnlyList<ResultRow> rows, string? reference)
    {
        Directory.CreateDirectory(directory);
        var summaries = Aggregation.Summarize(rows, reference);
        SummaryWriter.Write(directory, rows, summaries, reference);
        if (summaries.Count > 0)
        {
            PlotWriter.Write(directory, rows, summaries, reference);
        }

        return summaries;
    }

    /// <summary>Combines the results of shard directories into one; finished rows of the same name must share their run key.</summary>
    public static IReadOnlyList<ResultRow> Merge(IEnumerable<string> shardDirectories, string output)
    {
        var rows = new Dictionary<(string, string, int), ResultRow>();
        foreach (var directory in shardDirectories)
        {
            var path = Path.Combine(directory, "results.jsonl");
            if (!File.Exists(path))
            {
                throw Errors.TabmlException.Usage($"no results.jsonl in {directory}");
            }

            foreach (var row in ResultStore.Read(path))
            {
                if (rows.TryGetValue(row.Key, out var existing) && existing.Ok && row.Ok && existing.RunKey != row.RunKey)
                {
                    var changes = string.Join("; ", row.RunKey?.Differences(existing.RunKey) ?? ["no key (written by an older tabml)"]);
                    throw Errors.TabmlException.Usage($"{path}: {row.Dataset} {row.Method} split {row.Split} was made with other settings than in an earlier folder ({changes}); merge only shards of one run");
                }

                if (existing is null || !existing.Ok)
                {
                    rows[row.Key] = row;
                }
            }
        }

        Directory.CreateDirectory(output);
        var merged = rows.Values.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Split).ToArray();
        ResultStore.WriteAll(Path.Combine(output, "results.jsonl"), merged);
        return merged;
    }
}
