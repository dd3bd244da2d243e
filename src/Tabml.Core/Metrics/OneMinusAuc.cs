using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>1 − AUC, so that lower is better like every other selection loss.</summary>
public sealed class OneMinusAuc : IMetric
{
    public static OneMinusAuc Instance { get; } = new();

    public string Name => "1-auc";

    public bool AppliesTo(TaskKind task) => task.IsClassification();

    public bool UsesProbabilities => true;

    public double Compute(TargetColumn target, Predictions predictions) => 1.0 - AreaUnderCurve.Compute(target, predictions);
}
