namespace Tabml.Training;

/// <summary>The resolved options of one training run (a preset's values with the user's overrides).</summary>
public sealed record TrainOptions
{
    /// <summary>Learner names (resolved through the learner catalog).</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>The preset these options started from (recorded in the bundle).</summary>
    public string Preset { get; init; } = PresetCatalog.Paper;

    /// <summary>Seeds splits, initialisation and shuffling: the same data and seed give the same model file.</summary>
    public int Seed { get; init; }

    /// <summary>Threads for all learners together (the CLI's default is every core).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The fraction of training rows held out for early stopping and selection (holdout only).</summary>
    public double ValidFraction { get; init; } = 0.2;

    /// <summary>K ≥ 2 for k-fold cross-fitting (bagging); null for the paper's single holdout.</summary>
    public int? Folds { get; init; }

    /// <summary>A wall-clock budget for all members; null trains everything to completion.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// The metric everything selects on (error, logloss, auc, brier, rmse, mae): best epoch and iteration,
    /// Best-*, the ensemble's selection; null for the task's default (error / RMSE).
    /// </summary>
    public string? Metric { get; init; }

    /// <summary>The ensemble's selection loss when it should differ from <see cref="Metric"/>.</summary>
    public string? EnsembleMetric { get; init; }

    /// <summary>Temperature-scale each classification member on its validation predictions ('ts-mix').</summary>
    public bool Calibrate { get; init; }

    /// <summary>Without a user metric, select classification ensembles on log loss (see <see cref="TrainPreset.SelectOnLogLoss"/>).</summary>
    public bool SelectOnLogLoss { get; init; }

    /// <summary>RealMLP networks trained together per split and averaged (n_ens).</summary>
    public int RealMlpEnsemble { get; init; } = 1;

    /// <summary>Refit every member on all rows with its selected epochs / iterations.</summary>
    public bool Refit { get; init; }

    /// <summary>Temperature-scale the blended classification ensemble on its validation / out-of-fold probabilities.</summary>
    public bool CalibrateEnsemble { get; init; }

    /// <summary>
    /// The greedy selection's loss: --ensemble-metric, else log loss for classification when the preset asks for
    /// it and the user named no metric, else the run's metric.
    /// </summary>
    public Metrics.IMetric SelectionMetric(Data.TaskKind task, Metrics.IMetric metric) =>
        EnsembleMetric is { } name ? Metrics.MetricCatalog.Get(name, task)
        : SelectOnLogLoss && Metric is null && Data.TaskKindExtensions.IsClassification(task) ? Metrics.LogLoss.Instance
        : metric;

    /// <summary>Options with a preset's values.</summary>
    public static TrainOptions From(TrainPreset preset) => new()
    {
        Preset = preset.Name,
        Models = preset.Models,
        ValidFraction = preset.ValFraction,
        Folds = preset.Folds,
        Calibrate = preset.Calibrate,
        SelectOnLogLoss = preset.SelectOnLogLoss,
        RealMlpEnsemble = preset.RealmlpEnsemble,
        Refit = preset.Refit,
        CalibrateEnsemble = preset.CalibrateEnsemble,
    };
}
