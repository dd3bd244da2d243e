using Tabml.Data;
using Tabml.Training;

namespace Tabml.MLNet;

/// <summary>What a <see cref="TabmlEstimator"/> trains on and how: the same options as <c>tabml train</c>.</summary>
public sealed record TabmlEstimatorOptions
{
    /// <summary>The label column: Boolean (binary), text or key (classification), Single or Double (regression).</summary>
    public string LabelColumnName { get; init; } = "Label";

    /// <summary>The input columns; null uses every visible column but the label. Known-size vectors give one feature per slot.</summary>
    public IReadOnlyList<string>? FeatureColumnNames { get; init; }

    /// <summary>The column rules and overrides (task, --cat, --num, --date, --keep); the target is the label.</summary>
    public TrainingReadOptions Read { get; init; } = new();

    /// <summary>Models, seed, threads, folds, time limit...; null for <see cref="TrainDefaults.Options"/>.</summary>
    public TrainOptions? Train { get; init; }

    /// <summary>Messages, progress and cancellation of training.</summary>
    public TrainMonitor? Monitor { get; init; }
}
