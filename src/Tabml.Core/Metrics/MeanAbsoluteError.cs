using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>MAE of the predicted values.</summary>
public sealed class MeanAbsoluteError : IMetric
{
    public static MeanAbsoluteError Instance { get; } = new();

    public string Name => "mae";

    public bool AppliesTo(TaskKind task) => task == TaskKind.Regression;

    public double Compute(TargetColumn target, Predictions predictions)
    {
        var y = target.RequireValues();
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            sum += Math.Abs(predictions.Values[i] - y[i]);
        }

        return y.Length == 0 ? 0.0 : sum / y.Length;
    }
}
