using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.LightGbm;
using Tabml.Metrics;

namespace Tabml.Core.Tests.Learners.LightGbm;

/// <summary>LearnerContext.ValidationMetric drives LightGBM-TD's early stopping and kept iteration (method-spec §5.1).</summary>
public sealed class LightGbmValidationMetricTests
{
    public static TheoryData<TaskKind, string> Metrics => new()
    {
        { TaskKind.Binary, "error" }, { TaskKind.Binary, "logloss" }, { TaskKind.Binary, "auc" }, { TaskKind.Binary, "brier" },
        { TaskKind.Multiclass, "error" }, { TaskKind.Multiclass, "logloss" }, { TaskKind.Multiclass, "auc" }, { TaskKind.Multiclass, "brier" },
        { TaskKind.Regression, "rmse" }, { TaskKind.Regression, "mae" },
    };

    [Fact]
    public void A_planted_curve_stops_300_rounds_after_its_first_minimum_and_keeps_the_last_minimum()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 400));
        var metric = PlantedCurveMetric.FallThenTie(firstMinimum: 40, tie: 250);

        var model = Fit(TaskKind.Binary, train, valid, metric);

        // Iterations 1..41 fall, 41 is the first minimum, the tie at 251 does not reset the count: stop at 341.
        Assert.Equal(341, model.Facts["iterations_trained"]);
        Assert.Equal(251, model.Facts[ModelFacts.BestIteration]);
        Assert.Equal(341, metric.Calls);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void The_kept_iteration_scores_the_recorded_loss_on_the_chosen_metric(TaskKind task, string name)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 500));
        var metric = MetricCatalog.Get(name, task);

        var model = Fit(task, train, valid, metric);
        var recomputed = metric.Compute(valid.RequireTarget(), model.Predict(valid.WithoutTarget(), threads: 1));

        // LightGBM evaluates the default RMSE itself, against its float32 copy of the labels.
        Assert.Equal(model.Facts[ModelFacts.ValidationLoss], recomputed, Math.Abs(recomputed) * 1e-6);
        var trained = model.Facts["iterations_trained"];
        Assert.InRange(model.Facts[ModelFacts.BestIteration], Math.Max(1, trained - 300), trained);
    }

    [Fact]
    public void The_default_metric_given_explicitly_trains_the_same_model_as_none()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Multiclass, 500));

        var implicitDefault = (LightGbmModel)Fit(TaskKind.Multiclass, train, valid, null);
        var explicitDefault = (LightGbmModel)Fit(TaskKind.Multiclass, train, valid, ClassificationError.Instance);
        var logLoss = (LightGbmModel)Fit(TaskKind.Multiclass, train, valid, LogLoss.Instance);

        Assert.Equal(implicitDefault.ModelText, explicitDefault.ModelText);

        // Negative control: another metric changes what is kept.
        Assert.NotEqual(implicitDefault.ModelText, logLoss.ModelText);
    }

    private static IModel Fit(TaskKind task, Dataset train, Dataset valid, IMetric? metric) =>
        LightGbmLearner.Create(LightGbmLearner.TunedName, task).Fit(train, valid, new LearnerContext { Seed = 0, Threads = 1, ValidationMetric = metric });
}
