using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>RMSE of the predicted values.</summary>
public sealed class RootMeanSquaredError : IMetric
{
    public static RootMeanSquaredError Instance { get; } = new();

    public string Name => "rmse";

    public bool AppliesTo(TaskKind task) => task == TaskKind.Regression;

    public double Compute(TargetColumn target, Predictions predictions)
    {
        var y = target.RequireValues();
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var d = predictions.Values[i] - y[i];
            sum += d * d;
        }

        return y.Length == 0 ? 0.0 : Math.Sqrt(sum / y.Length);
    }
}
