using Tabml.Data;
using Tabml.Errors;

namespace Tabml.Metrics;

/// <summary>Selection losses by name, and each task's default (the spec's validation metric).</summary>
public static class MetricCatalog
{
    private static readonly IMetric[] All =
    [
        ClassificationError.Instance, LogLoss.Instance, OneMinusAuc.Instance, BrierScore.Instance, RootMeanSquaredError.Instance, MeanAbsoluteError.Instance,
    ];

    /// <summary>Classification error for classification, RMSE for regression (method-spec §2.11, §7).</summary>
    public static IMetric Default(TaskKind task) => task.IsClassification() ? ClassificationError.Instance : RootMeanSquaredError.Instance;

    /// <summary>Looks a metric up by name (auc means 1 − AUC); it must fit the task.</summary>
    public static IMetric Get(string name, TaskKind task)
    {
        var metric = Find(name);
        if (!metric.AppliesTo(task))
        {
            throw TabmlException.Usage($"metric '{name}' does not apply to a {task.ToName()} task");
        }

        return metric;
    }

    /// <summary>Looks a metric up by name for any task (a benchmark mixes classification and regression).</summary>
    public static IMetric Find(string name)
    {
        var key = name.Trim().ToLowerInvariant() switch
        {
            "auc" => "1-auc",
            "log_loss" or "log-loss" => "logloss",
            var other => other,
        };
        return All.FirstOrDefault(m => m.Name == key)
            ?? throw TabmlException.Usage($"unknown metric '{name}'; choose from error, logloss, auc, brier, rmse, mae");
    }
}
