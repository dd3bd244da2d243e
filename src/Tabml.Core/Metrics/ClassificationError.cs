using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>1 − accuracy, with the arg-max class (first maximum on ties) as the prediction.</summary>
public sealed class ClassificationError : IMetric
{
    public static ClassificationError Instance { get; } = new();

    public string Name => "error";

    public bool AppliesTo(TaskKind task) => task.IsClassification();

    public double Compute(TargetColumn target, Predictions predictions)
    {
        var labels = target.RequireLabels();
        var predicted = predictions.ArgMax();
        var wrong = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (predicted[i] != labels[i])
            {
                wrong++;
            }
        }

        return labels.Length == 0 ? 0.0 : wrong / (double)labels.Length;
    }
}
