using Tabml.Reporting;

namespace Tabml;

/// <summary>Options of <see cref="TabmlModel.Predict(Data.TabularData, PredictOptions?)"/> and its relatives.</summary>
public sealed record PredictOptions
{
    /// <summary>Predict with one member of the ensemble (e.g. <c>lightgbm-td</c>) instead of the ensemble.</summary>
    public string? Member { get; init; }

    /// <summary>Threads to use; predictions do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Missing-value tokens; null uses those the model was trained with.</summary>
    public IReadOnlyList<string>? MissingTokens { get; init; }

    /// <summary>Receives warnings (unseen categories, values that are not dates); null discards them.</summary>
    public IReporter? Reporter { get; init; }
}
