using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>Mean negative log-probability of the true class, probabilities clipped at 1e-15 as scikit-learn does.</summary>
public sealed class LogLoss : IMetric
{
    private const double Epsilon = 1e-15;

    public static LogLoss Instance { get; } = new();

    public string Name => "logloss";

    public bool AppliesTo(TaskKind task) => task.IsClassification();

    public bool UsesProbabilities => true;

    public double Compute(TargetColumn target, Predictions predictions)
    {
        var labels = target.RequireLabels();
        var sum = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            sum -= Math.Log(Math.Clamp(predictions[i, labels[i]], Epsilon, 1.0));
        }

        return labels.Length == 0 ? 0.0 : sum / labels.Length;
    }
}
