using Tabml.Bundles;
using Tabml.Calibration;
using Tabml.Core.Tests.Bundles;
using static Tabml.Core.Tests.TestData.CalibrationSamples;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Core.Tests.Calibration;

/// <summary>Temperature scaling 'ts-mix', method-spec §14.</summary>
public sealed class TemperatureScalingTests
{
    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(2, 2.5)]
    [InlineData(5, 0.3)]
    [InlineData(5, 4.0)]
    public void A_planted_inverse_temperature_is_recovered(int classes, double planted)
    {
        // Labels follow softmax(z); the member reports softmax(z / planted), so β = planted undoes it.
        var (logits, labels) = Sample(classes, rows: 40_000, seed: 3);
        var member = Softmax(logits, classes, 1.0 / planted);

        var calibrator = TemperatureScaling.Fit(member, labels);

        Assert.InRange(calibrator.InverseTemperature, planted * 0.96, planted * 1.04);
    }

    [Fact]
    public void Bisection_lands_on_the_minimiser_of_the_mean_cross_entropy()
    {
        var (logits, labels) = Sample(3, rows: 3_000, seed: 5);
        var member = Softmax(logits, 3, 0.4);
        var beta = TemperatureScaling.Fit(member, labels).InverseTemperature;

        var at = CrossEntropy(member, labels, beta);
        Assert.True(at <= CrossEntropy(member, labels, beta * 1.01));
        Assert.True(at <= CrossEntropy(member, labels, beta / 1.01));
        Assert.True(at < CrossEntropy(member, labels, 1.0));
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Calibration_never_raises_the_log_loss_by_more_than_the_mixture_term(double scale)
    {
        var (logits, labels) = Sample(4, rows: 2_000, seed: 7);
        var member = Softmax(logits, 4, scale);
        var target = Target(labels, 4);

        var calibrator = TemperatureScaling.Fit(member, labels);
        var before = LogLoss.Instance.Compute(target, member);
        var after = LogLoss.Instance.Compute(target, calibrator.Apply(member));

        Assert.True(after <= before - Math.Log(1 - calibrator.Mixture) + 1e-9, $"{after} > {before}");
        if (Math.Abs(scale - 1.0) > 0.5)
        {
            Assert.True(after < before - 0.01, "a clearly miscalibrated member must improve");
        }
    }

    [Fact]
    public void The_arg_max_class_is_unchanged_and_rows_sum_to_one()
    {
        var (logits, labels) = Sample(6, rows: 1_000, seed: 11);
        var member = Softmax(logits, 6, 2.0);

        var calibrated = TemperatureScaling.Fit(member, labels).Apply(member);

        Assert.Equal(member.ArgMax(), calibrated.ArgMax());
        for (var r = 0; r < calibrated.RowCount; r++)
        {
            Assert.Equal(1.0, calibrated.Row(r).ToArray().Sum(), 12);
        }
    }

    [Fact]
    public void The_mixture_keeps_every_probability_at_least_epsilon_over_k()
    {
        var member = new Predictions(2, 2, [1.0, 0.0, 0.0, 1.0]);

        var calibrator = TemperatureScaling.Fit(member, [0, 1]);
        var calibrated = calibrator.Apply(member);

        Assert.Equal(1.0 / 3.0, calibrator.Mixture, 15);
        Assert.All(calibrated.Values, p => Assert.True(p >= (1.0 / 3.0 / 2) - 1e-12));
    }

    [Fact]
    public void A_calibrated_member_saves_and_loads_with_identical_predictions()
    {
        ConstantModel.EnsureRegistered();
        var calibrated = new CalibratedModel(new ConstantModel(TaskKind.Binary, [0.9, 0.1]), new TemperatureCalibrator(0.5, 2, 99));
        var artifacts = new InMemoryArtifacts();

        calibrated.Save(artifacts);
        var loaded = ModelFormats.Load(CalibratedModel.FormatName, artifacts, new ModelLoadContext("constant", TaskKind.Binary, 2));

        var rows = SyntheticData1Row();
        Assert.Equal(calibrated.Predict(rows, 1).Values, loaded.Predict(rows, 1).Values);
        Assert.NotEqual([0.9, 0.1], loaded.Predict(rows, 1).Values);
    }

    [Fact]
    public void A_calibrator_for_another_class_count_is_a_bad_model_file()
    {
        ConstantModel.EnsureRegistered();
        var artifacts = new InMemoryArtifacts();
        new CalibratedModel(new ConstantModel(TaskKind.Binary, [0.9, 0.1]), new TemperatureCalibrator(0.5, 2, 99)).Save(artifacts);

        Assert.ThrowsAny<Exception>(() => ModelFormats.Load(CalibratedModel.FormatName, artifacts, new ModelLoadContext("constant", TaskKind.Multiclass, 3)));
    }

    private static Dataset SyntheticData1Row() =>
        new([new NumericColumn("x", [1f])], null, 1);

    private static double CrossEntropy(Predictions member, int[] labels, double beta)
    {
        var scaled = Softmax(member, member.OutputCount, beta, fromLogits: false);
        return LogLoss.Instance.Compute(Target(labels, member.OutputCount), scaled);
    }
}
