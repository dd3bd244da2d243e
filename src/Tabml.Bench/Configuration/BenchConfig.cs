using System.Text.Json;
using System.Text.Json.Serialization;
using Tabml.Errors;

namespace Tabml.Bench.Configuration;

/// <summary>
/// A benchmark configuration (configs/bench/*.json): suite, datasets, methods, splits, seeds and where the
/// results go. Relative paths are relative to the configuration file.
/// </summary>
public sealed record BenchConfig
{
    [JsonPropertyName("suite")] public string? Suite { get; init; }

    [JsonPropertyName("data_root")] public string? DataRoot { get; init; }

    /// <summary>Dataset names of the suite to run (empty: all).</summary>
    [JsonPropertyName("datasets")] public IReadOnlyList<string> Datasets { get; init; } = [];

    [JsonPropertyName("methods")] public IReadOnlyList<string> Methods { get; init; } = [];

    [JsonPropertyName("splits")] public int Splits { get; init; } = 1;

    [JsonPropertyName("seed")] public int Seed { get; init; }

    [JsonPropertyName("hpo_trials")] public int HpoTrials { get; init; } = 50;

    [JsonPropertyName("metric")] public string? Metric { get; init; }

    /// <summary>The method others are compared with (wins/ties/losses, relative plots).</summary>
    [JsonPropertyName("reference")] public string? Reference { get; init; }

    [JsonPropertyName("jobs")] public int Jobs { get; init; } = 1;

    [JsonPropertyName("out")] public string? Out { get; init; }

    /// <summary>The config file's folder, to resolve relative paths.</summary>
    [JsonIgnore] public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    private static readonly JsonSerializerOptions Strict = new() { ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static BenchConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw TabmlException.Usage($"config file not found: {path}");
        }

        try
        {
            var config = JsonSerializer.Deserialize<BenchConfig>(File.ReadAllText(path), Strict) ?? new BenchConfig();
            return config with { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))! };
        }
        catch (JsonException e)
        {
            throw TabmlException.Usage($"{path}: not a benchmark config: {e.Message}");
        }
    }

    public string? Resolve(string? path) => path is null ? null : Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
