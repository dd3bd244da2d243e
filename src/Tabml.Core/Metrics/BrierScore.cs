using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>
/// The multiclass Brier score: the mean over rows of Σ_k (p_k − [k = y])², so 0 is perfect and 2 the worst
/// (binary problems count both columns, twice the one-column definition).
/// </summary>
public sealed class BrierScore : IMetric
{
    public static BrierScore Instance { get; } = new();

    public string Name => "brier";

    public bool AppliesTo(TaskKind task) => task.IsClassification();

    public bool UsesProbabilities => true;

    public double Compute(TargetColumn target, Predictions predictions)
    {
        var labels = target.RequireLabels();
        var sum = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = predictions.Row(i);
            for (var k = 0; k < row.Length; k++)
            {
                var d = row[k] - (k == labels[i] ? 1.0 : 0.0);
                sum += d * d;
            }
        }

        return labels.Length == 0 ? 0.0 : sum / labels.Length;
    }
}
