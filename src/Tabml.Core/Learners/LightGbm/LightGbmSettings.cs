namespace Tabml.Learners.LightGbm;

/// <summary>
/// LightGBM hyperparameters under LightGBM's own names (method-spec §5.2), read from defaults/lightgbm-*.json.
/// A null value is not passed, so LightGBM's own default applies.
/// </summary>
public sealed record LightGbmSettings
{
    public required int NumIterations { get; init; }

    public required double LearningRate { get; init; }

    public required int NumLeaves { get; init; }

    public required double BaggingFraction { get; init; }

    public required int BaggingFreq { get; init; }

    public required double FeatureFraction { get; init; }

    public required int MinDataInLeaf { get; init; }

    public required double MinSumHessianInLeaf { get; init; }

    public required double LambdaL1 { get; init; }

    public required double LambdaL2 { get; init; }

    public required int? MaxBin { get; init; }

    public required int MaxDepth { get; init; }

    /// <summary>Stop after this many rounds without strict improvement on the validation metric; null never stops early.</summary>
    public required int? EarlyStoppingRounds { get; init; }
}
