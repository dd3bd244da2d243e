using System.Text.Json.Serialization;

namespace Tabml.Bench.Suites;

/// <summary>One dataset of a suite, in the format of shared/datasets/suite.json (extra fields are ignored).</summary>
public sealed record SuiteEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("task")] string Task);
