using Tabml.Data.Csv;

namespace Tabml.Data;

/// <summary>What the user said about a training file: target, task, CSV overrides and the column rules.</summary>
public sealed record TrainingReadOptions
{
    /// <summary>The target column; null means the last column.</summary>
    public string? Target { get; init; }

    /// <summary>The task; null means inferred from the target.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>Missing-value tokens and the --cat, --num and --ignore overrides.</summary>
    public CsvReadOptions Csv { get; init; } = new();

    /// <summary>Columns read as dates whatever their values (--date); ISO-8601 unless <see cref="DateFormat"/> is set.</summary>
    public IReadOnlySet<string> Dates { get; init; } = new HashSet<string>();

    /// <summary>A .NET custom date format (e.g. <c>dd.MM.yyyy</c>) for the <see cref="Dates"/> columns (--date-format).</summary>
    public string? DateFormat { get; init; }

    /// <summary>Categorical columns used even when every value is distinct (--keep): not treated as identifiers.</summary>
    public IReadOnlySet<string> Keep { get; init; } = new HashSet<string>();
}
