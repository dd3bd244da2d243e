namespace Tabml.Learners.FastTree;

/// <summary>
/// ML.NET FastTree options (names as in FastTree's Options), read from defaults/fasttree-*.json. The TD
/// values map LightGBM-TD's (method-spec §5.2) to their nearest FastTree options; docs/fasttree.md has
/// the mapping.
/// </summary>
public sealed record FastTreeSettings
{
    public required int NumberOfTrees { get; init; }

    public required int NumberOfLeaves { get; init; }

    public required double LearningRate { get; init; }

    public required int MinimumExampleCountPerLeaf { get; init; }

    /// <summary>Trees per bag; 1 draws a new bag every iteration (LightGBM's bagging_freq = 1); 0 disables bagging.</summary>
    public required int BaggingSize { get; init; }

    public required double BaggingExampleFraction { get; init; }

    public required double FeatureFraction { get; init; }

    public required int MaximumBinCountPerFeature { get; init; }

    /// <summary>Keep the iteration with the best validation loss (LightGBM-TD's rule, on tabml's own evaluation of the trees).</summary>
    public required bool SelectBestIteration { get; init; }

    /// <summary>
    /// The validation curve ends this many rounds after its first minimum without strict improvement
    /// (LightGBM-TD's early_stopping_round); null reads the whole curve. Not required: bundles written
    /// before it existed (tabml 0.1) record no value and still load.
    /// </summary>
    public int? EarlyStoppingRounds { get; init; }

    /// <summary>Categorical columns with at most this many categories are one-hot encoded, larger ones coded ordinally.</summary>
    public required int MaxOneHotCategories { get; init; }
}
