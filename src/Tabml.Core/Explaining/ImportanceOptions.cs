namespace Tabml.Explaining;

/// <summary>How permutation importance is measured (<c>tabml explain</c>'s options).</summary>
public sealed record ImportanceOptions
{
    /// <summary>Shuffles per column; the interval needs at least 2.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>At most this many labelled rows, drawn with <see cref="Seed"/>; null uses every row.</summary>
    public int? MaxRows { get; init; } = 5000;

    /// <summary>Seeds the row sample and the shuffles: the same seed gives the same report.</summary>
    public int Seed { get; init; }

    /// <summary>Columns measured side by side; the report does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Explain one member of the ensemble instead of the ensemble.</summary>
    public string? Member { get; init; }

    /// <summary>The metric (error, logloss, auc, brier, rmse, mae); null for the model's validation metric.</summary>
    public string? Metric { get; init; }
}
