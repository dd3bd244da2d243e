using Tabml.Numerics.Simd;

namespace Tabml.Bundles;

/// <summary>
/// The typed form of a manifest's "settings": how the bundle was trained. Reading a bundle checks its
/// settings against this record, so an unknown key or value is a bad model file, never silently ignored;
/// a key added here is written by the trainer (Training.Trainer, Distributed.DistributedTrainer).
/// </summary>
public sealed record BundleSettings
{
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>The training preset (paper, default, best); null in bundles written before presets.</summary>
    public string? Preset { get; init; }

    public required int Seed { get; init; }

    /// <summary>Written by bundles before models became independent of the thread count; no longer recorded.</summary>
    public int? Threads { get; init; }

    public double? ValFraction { get; init; }

    public int? Folds { get; init; }

    /// <summary>The validation metric members were stopped and selected on.</summary>
    public string? Metric { get; init; }

    public string? EnsembleMetric { get; init; }

    /// <summary>Whether classification members were temperature-scaled (ts-mix) on their validation predictions.</summary>
    public bool? Calibrate { get; init; }

    /// <summary>Whether the ensemble was selected on log loss whatever the metric.</summary>
    public bool? SelectOnLogLoss { get; init; }

    /// <summary>RealMLP's packed networks per fit (n_ens).</summary>
    public int? RealmlpEnsemble { get; init; }

    /// <summary>Whether members were refitted on all rows with their selected epochs / iterations.</summary>
    public bool? Refit { get; init; }

    /// <summary>Whether the blended classification ensemble was temperature-scaled once more (ensemble.blend_calibration).</summary>
    public bool? CalibrateEnsemble { get; init; }

    /// <summary>Data-parallel LightGBM: the ranks and LightGBM's tree learner.</summary>
    public BundleDistribution? Distributed { get; init; }

    /// <summary>"single" for a one-member bundle (distributed training).</summary>
    public string? Selection { get; init; }

    /// <summary>How an ML.NET pipeline binds its columns to the model (TabmlEstimator); null for other bundles.</summary>
    public System.Text.Json.Nodes.JsonObject? Mlnet { get; init; }

    /// <summary>The instruction set of the numeric kernels at training (null in bundles written before it was recorded).</summary>
    public SimdLevel? Simd { get; init; }
}

/// <summary>How a distributed bundle was trained.</summary>
public sealed record BundleDistribution(int Ranks, string TreeLearner);
