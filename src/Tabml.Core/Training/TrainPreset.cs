namespace Tabml.Training;

/// <summary>
/// A named training recipe (configs/presets/NAME.json, embedded): which members, how they are validated
/// and combined. Command-line flags override single fields.
/// </summary>
public sealed record TrainPreset
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>Learner names, cheapest first.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>K ≥ 2 for k-fold bagging with out-of-fold selection; null for one holdout.</summary>
    public int? Folds { get; init; }

    public double ValFraction { get; init; } = 0.2;

    /// <summary>Temperature-scale every classification member ('ts-mix', method-spec §14).</summary>
    public bool Calibrate { get; init; }

    /// <summary>RealMLP networks trained together per split (n_ens, method-spec §15).</summary>
    public int RealmlpEnsemble { get; init; } = 1;

    /// <summary>
    /// When the user names no metric, classification ensembles select their weights on the (calibrated) log
    /// loss instead of the error: a proper, smoother loss with fewer ties on small validation sets.
    /// </summary>
    public bool SelectOnLogLoss { get; init; }

    /// <summary>Refit each member on all rows with its selected epochs / iterations.</summary>
    public bool Refit { get; init; }

    /// <summary>
    /// Temperature-scale the blended classification ensemble once more ('ts-mix') on its own validation or
    /// out-of-fold probabilities, as AutoGluon calibrates its final ensemble.
    /// </summary>
    public bool CalibrateEnsemble { get; init; }
}
