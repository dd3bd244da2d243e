using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Core.Tests.Metrics;

public sealed class MetricTests
{
    private static readonly TargetColumn Binary = TargetColumn.Classification("y", TaskKind.Binary, [0, 1, 1, 0], ["n", "p"]);

    // P(positive) = 0.1, 0.8, 0.4, 0.4: argmax gives n, p, n, n → one error of four.
    private static readonly Predictions BinaryPredictions = new(4, 2, [0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.6, 0.4]);

    [Fact]
    public void Classification_error_counts_wrong_argmax_classes()
    {
        Assert.Equal(0.25, ClassificationError.Instance.Compute(Binary, BinaryPredictions));
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_probability_of_the_true_class()
    {
        var expected = -(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.6)) / 4;

        Assert.Equal(expected, LogLoss.Instance.Compute(Binary, BinaryPredictions), 12);
    }

    [Fact]
    public void Auc_counts_ties_as_half()
    {
        // Positives score 0.8 and 0.4; negatives 0.1 and 0.4. Pairs: (0.8>0.1) (0.8>0.4) (0.4>0.1) (0.4=0.4 → ½) = 3.5 / 4.
        Assert.Equal(0.875, AreaUnderCurve.Compute(Binary, BinaryPredictions), 12);
        Assert.Equal(0.125, OneMinusAuc.Instance.Compute(Binary, BinaryPredictions), 12);
    }

    [Fact]
    public void Multiclass_auc_is_the_macro_average_of_one_versus_rest()
    {
        var target = TargetColumn.Classification("y", TaskKind.Multiclass, [0, 1, 2, 2], ["a", "b", "c"]);
        var predictions = new Predictions(4, 3,
        [
            0.7, 0.2, 0.1,
            0.2, 0.5, 0.3,
            0.1, 0.2, 0.7,
            0.3, 0.6, 0.1,
        ]);

        // class a: positive 0.7 beats 0.2, 0.1, 0.3 → 1. class b: positive 0.5 beats 0.2, 0.2 but not 0.6 → 2/3.
        // class c: positives 0.7, 0.1 vs negatives 0.1, 0.3: 0.7 beats both (2), 0.1 ties 0.1 (½) → 2.5/4.
        var expected = (1.0 + (2.0 / 3.0) + 0.625) / 3.0;

        Assert.Equal(expected, AreaUnderCurve.Compute(target, predictions), 12);
    }

    [Fact]
    public void Regression_metrics_match_hand_computed_values()
    {
        var target = TargetColumn.Regression("y", [1.0, 2.0, 3.0, 4.0]);
        var predictions = new Predictions(4, 1, [1.5, 2.0, 2.0, 5.0]);

        // errors 0.5, 0, −1, 1 → MSE 2.25/4, MAE 2.5/4; var(y) = 1.25, std = √1.25.
        var rmse = Math.Sqrt(2.25 / 4);
        Assert.Equal(rmse, RootMeanSquaredError.Instance.Compute(target, predictions), 12);
        Assert.Equal(0.625, MeanAbsoluteError.Instance.Compute(target, predictions), 12);
        var report = EvaluationReport.Evaluate(target, predictions);
        Assert.Equal(1.0 - (0.5625 / 1.25), report.R2!.Value, 12);
        Assert.Equal(rmse / Math.Sqrt(1.25), report.Nrmse!.Value, 12);
    }

    [Fact]
    public void The_evaluation_report_of_a_classifier_has_accuracy_error_logloss_and_auc()
    {
        var report = EvaluationReport.Evaluate(Binary, BinaryPredictions);

        Assert.Equal(0.75, report.Accuracy);
        Assert.Equal(0.25, report.Error);
        Assert.NotNull(report.LogLoss);
        Assert.Equal(0.875, report.Auc!.Value, 12);
        Assert.Null(report.Rmse);
    }

    [Theory]
    [InlineData("error", TaskKind.Binary, "error")]
    [InlineData("auc", TaskKind.Multiclass, "1-auc")]
    [InlineData("logloss", TaskKind.Binary, "logloss")]
    [InlineData("mae", TaskKind.Regression, "mae")]
    public void Metrics_are_found_by_name(string name, TaskKind task, string expected)
    {
        Assert.Equal(expected, MetricCatalog.Get(name, task).Name);
    }

    [Fact]
    public void A_metric_of_the_wrong_task_is_a_usage_error()
    {
        var error = Assert.Throws<Tabml.Errors.TabmlException>(() => MetricCatalog.Get("rmse", TaskKind.Binary));

        Assert.Equal(Tabml.Errors.ExitCodes.Usage, error.ExitCode);
    }
}
