using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tabml.Bench.Results;

/// <summary>
/// Everything that determines a result row besides its (dataset, method, split) name: the data file's
/// bytes, target and task, the split definition, the method's resolved settings, the HPO trials, the tabml
/// version and the selection metric. A row is reused (resume, the prediction cache) only under an
/// identical key; a different key under the same name is never mixed in (see BenchRunner).
/// </summary>
public sealed record RunKey
{
    [JsonPropertyName("data_sha256")] public required string DataSha256 { get; init; }

    [JsonPropertyName("target")] public required string Target { get; init; }

    [JsonPropertyName("task")] public required string Task { get; init; }

    /// <summary>"random seed=S index=I" (method-spec §8) or "given sha256=H index=I" (--split-file).</summary>
    [JsonPropertyName("split")] public required string Split { get; init; }

    /// <summary>sha256 of the method's resolved settings (for composites: of their members' keys).</summary>
    [JsonPropertyName("settings_sha256")] public required string SettingsSha256 { get; init; }

    /// <summary>Random-search trials of -hpo methods and of composites over them; null otherwise.</summary>
    [JsonPropertyName("hpo_trials")] public int? HpoTrials { get; init; }

    [JsonPropertyName("tabml_version")] public required string TabmlVersion { get; init; }

    /// <summary>The validation metric that selects (best epoch, early stopping, HPO, ensemble); null for the task's default.</summary>
    [JsonPropertyName("metric")] public string? Metric { get; init; }

    /// <summary>A short hash of the whole key, for cache file names.</summary>
    [JsonIgnore]
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this)))[..16];

    /// <summary>The fields that differ from <paramref name="other"/>, as "name: old → new", for error messages.</summary>
    public IReadOnlyList<string> Differences(RunKey? other)
    {
        if (other is null)
        {
            return ["no key (written by an older tabml)"];
        }

        var changes = new List<string>();
        void Compare(string name, object? before, object? now)
        {
            if (!Equals(before, now))
            {
                changes.Add($"{name}: {before ?? "none"} → {now ?? "none"}");
            }
        }

        Compare("data file", Short(other.DataSha256), Short(DataSha256));
        Compare("target", other.Target, Target);
        Compare("task", other.Task, Task);
        Compare("split", other.Split, Split);
        Compare("settings", Short(other.SettingsSha256), Short(SettingsSha256));
        Compare("hpo trials", other.HpoTrials, HpoTrials);
        Compare("tabml version", other.TabmlVersion, TabmlVersion);
        Compare("metric", other.Metric, Metric);
        return changes;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
