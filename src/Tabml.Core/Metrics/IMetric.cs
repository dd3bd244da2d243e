using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>A loss on predictions against the target; lower is better.</summary>
public interface IMetric
{
    /// <summary>The metric's name in reports and on the command line (error, logloss, 1-auc, rmse, mae).</summary>
    string Name { get; }

    bool AppliesTo(TaskKind task);

    double Compute(TargetColumn target, Predictions predictions);
}
