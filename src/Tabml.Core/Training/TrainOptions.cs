namespace Tabml.Training;

/// <summary>The resolved options of one training run.</summary>
public sealed record TrainOptions
{
    /// <summary>Learner names (resolved through the learner catalog).</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Seeds splits, initialisation and shuffling: the same data, seed and threads give the same model file.</summary>
    public int Seed { get; init; }

    /// <summary>Threads for all learners together (the CLI's default is every core).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The fraction of training rows held out for early stopping and selection (holdout only).</summary>
    public double ValidFraction { get; init; } = 0.2;

    /// <summary>K ≥ 2 for k-fold cross-fitting; null for the paper's single holdout.</summary>
    public int? Folds { get; init; }

    /// <summary>A wall-clock budget for all members; null trains everything to completion.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The ensemble's selection loss (error, logloss, auc, rmse, mae); null for the spec's error / RMSE.</summary>
    public string? EnsembleMetric { get; init; }
}
