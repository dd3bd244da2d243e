using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Training;

/// <summary>The validation scores kept for every member: error, log loss, Brier score and AUC, or RMSE and MAE.</summary>
public static class ValidationScores
{
    public static IReadOnlyDictionary<string, double> Compute(TargetColumn target, Predictions predictions)
    {
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (target.Task.IsClassification())
        {
            scores["error"] = ClassificationError.Instance.Compute(target, predictions);
            scores["logloss"] = LogLoss.Instance.Compute(target, predictions);
            scores["brier"] = BrierScore.Instance.Compute(target, predictions);
            var auc = AreaUnderCurve.Compute(target, predictions);
            if (!double.IsNaN(auc))
            {
                scores["auc"] = auc;
            }
        }
        else
        {
            scores["rmse"] = RootMeanSquaredError.Instance.Compute(target, predictions);
            scores["mae"] = MeanAbsoluteError.Instance.Compute(target, predictions);
        }

        return scores;
    }
}
