using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;
using Tabml.Metrics;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// The best epoch is chosen on the context's validation metric, computed on the (averaged) validation
/// probabilities; without one, on classification error / RMSE; metrics that score probabilities train
/// without label smoothing.
/// </summary>
public sealed class ValidationMetricTests
{
    [Fact]
    public void The_best_epoch_is_chosen_on_the_contexts_metric_with_ties_to_the_later_epoch()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 5 };
        var metric = new ScriptedMetric([0.5, 0.1, 0.3, 0.1, 0.9]);
        var learner = new RealMlpLearner("realmlp-td", settings);

        var model = learner.Fit(train, valid, new LearnerContext { ValidationMetric = metric });

        Assert.Equal(4, model.Facts[ModelFacts.BestEpoch]);
        Assert.Equal([0.5, 0.1, 0.3, 0.1, 0.9], learner.LastValidationCurve);
    }

    [Fact]
    public void The_metric_sees_the_averaged_probabilities_of_the_networks()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Multiclass, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Multiclass) with { NEpochs = 3, NEns = 2 };
        var metric = new ScriptedMetric([0.3, 0.2, 0.1]);

        var model = new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext { ValidationMetric = metric });

        // The last epoch is the best, so the restored model predicts what the metric saw after it.
        Assert.Equal(3, model.Facts[ModelFacts.BestEpoch]);
        Assert.Equal(metric.Last!.Values, model.Predict(valid.WithoutTarget(), 1).Values);
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Regression)]
    public void Without_a_metric_the_curve_is_the_task_default_error_or_rmse(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", task) with { NEpochs = 4 };
        var learner = new RealMlpLearner("realmlp-td", settings);

        var model = learner.Fit(train, valid, new LearnerContext());

        var best = (int)model.Facts[ModelFacts.BestEpoch];
        var expected = MetricCatalog.Default(task).Compute(valid.RequireTarget(), model.Predict(valid.WithoutTarget(), 1));
        Assert.Equal(expected, learner.LastValidationCurve[best - 1], 12);
        Assert.Equal(learner.LastValidationCurve.Min(), learner.LastValidationCurve[best - 1]);
    }

    [Fact]
    public void Metrics_of_probabilities_train_without_label_smoothing()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var learner = RealMlpLearner.Create("realmlp-td", TaskKind.Binary);

        foreach (var metric in new IMetric[] { LogLoss.Instance, OneMinusAuc.Instance, BrierScore.Instance })
        {
            Assert.Equal(0f, learner.Prepare(train, valid, new LearnerContext { ValidationMetric = metric }).Targets.LabelSmoothing);
        }

        Assert.Equal(0.1f, learner.Prepare(train, valid, new LearnerContext()).Targets.LabelSmoothing);
        Assert.Equal(0.1f, learner.Prepare(train, valid, new LearnerContext { ValidationMetric = ClassificationError.Instance }).Targets.LabelSmoothing);
    }

    [Fact]
    public void Without_label_smoothing_the_probabilities_are_more_confident()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 400));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 20 };

        double Confidence(LearnerContext context) =>
            new RealMlpLearner("realmlp-td", settings).Fit(train, valid, context).Predict(train.WithoutTarget(), 1).Values.Where(p => p >= 0.5).Average();

        var smoothed = Confidence(new LearnerContext { ValidationMetric = ClassificationError.Instance });
        var sharp = Confidence(new LearnerContext { ValidationMetric = LogLoss.Instance });
        Assert.True(sharp > smoothed, $"mean top probability without smoothing {sharp}, with {smoothed}");
    }

    /// <summary>A metric whose value per call is scripted; it keeps the last predictions it scored.</summary>
    private sealed class ScriptedMetric(double[] values) : IMetric
    {
        private int _calls;

        public string Name => "scripted";

        public Predictions? Last { get; private set; }

        public bool AppliesTo(TaskKind task) => true;

        public double Compute(TargetColumn target, Predictions predictions)
        {
            Last = predictions;
            return values[_calls++];
        }
    }
}
