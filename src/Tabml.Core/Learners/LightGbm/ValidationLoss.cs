using Tabml.Data;
using Tabml.Learners.LightGbm.Native;
using Tabml.Metrics;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// The validation loss early stopping reads after each iteration. For the task's default metric it is
/// LightGBM's own evaluation (binary_error, multi_error, rmse: the reference's method, bit for bit); any
/// other metric is computed by tabml on LightGBM's current predictions for the validation rows.
/// </summary>
internal sealed class ValidationLoss
{
    private readonly IMetric? _metric;
    private readonly TargetColumn _target;
    private readonly int _classCount;

    private ValidationLoss(string name, IMetric? metric, TargetColumn target, int classCount)
    {
        Name = name;
        _metric = metric;
        _target = target;
        _classCount = classCount;
    }

    /// <summary>The metric's name for progress reports (LightGBM's name when LightGBM evaluates it).</summary>
    public string Name { get; }

    /// <summary>True when LightGBM evaluates the loss itself (the task's default metric).</summary>
    public bool IsNative => _metric is null;

    public static ValidationLoss For(IMetric? metric, TargetColumn validTarget, int classCount)
    {
        var task = validTarget.Task;
        if (metric is null || metric.Name == MetricCatalog.Default(task).Name)
        {
            return new ValidationLoss(NativeMetricName(task), null, validTarget, classCount);
        }

        if (!metric.AppliesTo(task))
        {
            throw new ArgumentException($"metric '{metric.Name}' does not apply to a {task.ToName()} task", nameof(metric));
        }

        return new ValidationLoss(metric.Name, metric, validTarget, classCount);
    }

    /// <summary>LightGBM's name of the task's default metric, as passed in the parameters.</summary>
    public static string NativeMetricName(TaskKind task) => task switch
    {
        TaskKind.Binary => "binary_error",
        TaskKind.Multiclass => "multi_error",
        _ => "rmse",
    };

    /// <summary>The loss of the booster's current model on its first validation set.</summary>
    public double Evaluate(LightGbmBooster booster)
    {
        if (_metric is null)
        {
            return booster.Evaluate(1)[0];
        }

        var predictions = LightGbmOutputs.FromClassMajor(booster.DataPredictions(1), _target.Length, _target.Task, _classCount);
        return _metric.Compute(_target, predictions);
    }
}
