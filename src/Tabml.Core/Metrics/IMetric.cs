using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>A loss on predictions against the target; lower is better.</summary>
public interface IMetric
{
    /// <summary>The metric's name in reports and on the command line (error, logloss, 1-auc, brier, rmse, mae).</summary>
    string Name { get; }

    bool AppliesTo(TaskKind task);

    /// <summary>
    /// True for losses that score the probabilities themselves (log loss, 1 − AUC, Brier), not only the
    /// predicted label: RealMLP then trains without label smoothing (pytabkit's advice for these metrics).
    /// </summary>
    bool UsesProbabilities => false;

    double Compute(TargetColumn target, Predictions predictions);
}
