using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>
/// What `tabml evaluate` reports: accuracy, error, log loss and AUC for classification; RMSE, MAE, R² and
/// nRMSE (RMSE / population std of the evaluated targets, method-spec §8) for regression.
/// </summary>
public sealed record EvaluationReport(
    string Task,
    int Rows,
    double? Accuracy = null,
    double? Error = null,
    double? LogLoss = null,
    double? Auc = null,
    double? Rmse = null,
    double? Mae = null,
    double? R2 = null,
    double? Nrmse = null)
{
    /// <summary>The report of <paramref name="predictions"/> against <paramref name="target"/>, row for row.</summary>
    public static EvaluationReport Evaluate(TargetColumn target, Predictions predictions)
    {
        if (target.Task.IsClassification())
        {
            var error = ClassificationError.Instance.Compute(target, predictions);
            var auc = AreaUnderCurve.Compute(target, predictions);
            return new EvaluationReport(
                target.Task.ToName(),
                target.Length,
                Accuracy: 1.0 - error,
                Error: error,
                LogLoss: Metrics.LogLoss.Instance.Compute(target, predictions),
                Auc: double.IsNaN(auc) ? null : auc);
        }

        var y = target.RequireValues();
        var rmse = RootMeanSquaredError.Instance.Compute(target, predictions);
        var mean = y.Average();
        var variance = y.Sum(v => (v - mean) * (v - mean)) / y.Length;
        var std = Math.Sqrt(variance);
        return new EvaluationReport(
            target.Task.ToName(),
            target.Length,
            Rmse: rmse,
            Mae: MeanAbsoluteError.Instance.Compute(target, predictions),
            R2: variance > 0 ? 1.0 - (rmse * rmse / variance) : null,
            Nrmse: std > 0 ? rmse / std : null);
    }

    /// <summary>The headline error: classification error or nRMSE.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? HeadlineError => Error ?? Nrmse;
}
