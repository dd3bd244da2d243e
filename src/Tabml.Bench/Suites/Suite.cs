using System.Text.Json;
using Tabml.Errors;

namespace Tabml.Bench.Suites;

/// <summary>A list of datasets with their targets and tasks; files are found under the data root.</summary>
public sealed record Suite(IReadOnlyList<SuiteEntry> Datasets, string DataRoot)
{
    public static Suite Load(string path, string? dataRoot)
    {
        if (!File.Exists(path))
        {
            throw TabmlException.Usage($"suite file not found: {path}");
        }

        List<SuiteEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<SuiteEntry>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw TabmlException.Usage($"{path}: not a suite (a JSON list of {{name, file, target, task}}): {e.Message}");
        }

        if (entries is null || entries.Count == 0)
        {
            throw TabmlException.Usage($"{path}: the suite lists no datasets");
        }

        return new Suite(entries, dataRoot ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public string PathOf(SuiteEntry entry) => Path.Combine(DataRoot, entry.File);

    /// <summary>The datasets named in <paramref name="names"/> (all when empty), in suite order.</summary>
    public IReadOnlyList<SuiteEntry> Select(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return Datasets;
        }

        var unknown = names.Where(n => Datasets.All(d => d.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw TabmlException.Usage($"datasets not in the suite: {string.Join(", ", unknown)}");
        }

        return Datasets.Where(d => names.Contains(d.Name)).ToArray();
    }
}
