using Tabml.Data.Csv;

namespace Tabml.Data;

/// <summary>What the user said about a training file: target, task and CSV overrides.</summary>
public sealed record TrainingReadOptions
{
    /// <summary>The target column; null means the last column.</summary>
    public string? Target { get; init; }

    /// <summary>The task; null means inferred from the target.</summary>
    public TaskKind? Task { get; init; }

    public CsvReadOptions Csv { get; init; } = new();
}
