using Tabml.Data;
using Tabml.Ensembling;
using Tabml.Learners;
using Tabml.Metrics;
using static Tabml.Core.Tests.TestData.CalibrationSamples;

namespace Tabml.Core.Tests.Ensembling;

/// <summary>
/// The blend's own 'ts-mix' calibration (<see cref="EnsembleOptions.CalibrateEnsemble"/>): fitted on the
/// blended validation probabilities after the selection, applied to the blend on any other rows.
/// </summary>
public sealed class BlendCalibrationTests
{
    [Fact]
    public void An_under_confident_blend_gets_its_planted_temperature_back_and_the_same_arg_max()
    {
        // Labels follow softmax(z); both members report softmax(z / 3) (the blend of the two is the same), so β ≈ 3.
        var (logits, labels) = Sample(classes: 3, rows: 20_000, seed: 4);
        var member = Softmax(logits, 3, 1.0 / 3.0);
        var target = Target(labels, 3);

        var combined = EnsembleBuilder.Build([member, member], target, Options(calibrateEnsemble: true));

        Assert.NotNull(combined.EnsembleCalibrator);
        Assert.InRange(combined.EnsembleCalibrator.InverseTemperature, 2.85, 3.15);
        Assert.Equal(member.ArgMax(), combined.Ensemble.ArgMax());
        Assert.True(LogLoss.Instance.Compute(target, combined.Ensemble) < LogLoss.Instance.Compute(target, member) - 0.01);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Calibrating_the_blend_never_raises_its_validation_log_loss_beyond_the_mixture_term(double scale)
    {
        var (logits, labels) = Sample(classes: 2, rows: 3_000, seed: 9);
        var sharp = Softmax(logits, 2, scale);
        var flat = Softmax(logits, 2, scale / 2);
        var target = Target(labels, 2);

        var plain = EnsembleBuilder.Build([sharp, flat], target, Options(calibrateEnsemble: false));
        var calibrated = EnsembleBuilder.Build([sharp, flat], target, Options(calibrateEnsemble: true));

        Assert.Null(plain.EnsembleCalibrator);
        Assert.Equal(plain.Selection.Weights, calibrated.Selection.Weights);
        var mixture = -Math.Log(1 - calibrated.EnsembleCalibrator!.Mixture);
        Assert.True(LogLoss.Instance.Compute(target, calibrated.Ensemble) <= LogLoss.Instance.Compute(target, plain.Ensemble) + mixture + 1e-12);
    }

    [Fact]
    public void Other_rows_go_through_the_same_blend_and_calibrator()
    {
        var (logits, labels) = Sample(classes: 2, rows: 2_000, seed: 13);
        var a = Softmax(logits, 2, 0.4);
        var b = Softmax(logits, 2, 0.7);
        var combined = EnsembleBuilder.Build([a, b], Target(labels, 2), Options(calibrateEnsemble: true));
        var (otherLogits, _) = Sample(classes: 2, rows: 50, seed: 14);
        var (c, d) = (Softmax(otherLogits, 2, 0.4), Softmax(otherLogits, 2, 0.7));

        var applied = EnsembleBuilder.Apply(combined, [c, d]);

        Assert.Equal(combined.EnsembleCalibrator!.Apply(MemberSelection.Blend([c, d], combined.Selection.Weights)).Values, applied.Values);
    }

    [Fact]
    public void A_regression_blend_is_never_calibrated()
    {
        var target = TargetColumn.Regression("y", [0.0, 1.0, 2.0, 3.0]);
        var member = new Predictions(4, 1, [0.1, 1.1, 2.1, 3.1]);

        var combined = EnsembleBuilder.Build([member], target, new EnsembleOptions(RootMeanSquaredError.Instance, RootMeanSquaredError.Instance, Calibrate: true, CalibrateEnsemble: true));

        Assert.Null(combined.EnsembleCalibrator);
        Assert.Equal(member.Values, combined.Ensemble.Values);
    }

    private static EnsembleOptions Options(bool calibrateEnsemble) =>
        new(ClassificationError.Instance, LogLoss.Instance, Calibrate: false, CalibrateEnsemble: calibrateEnsemble);
}
