using Tabml.Learners;

namespace Tabml.Calibration;

/// <summary>
/// A fitted 'ts-mix' calibrator (method-spec §14): p' = (1 − ε)·softmax(β·log p) + ε/K with ε = 1/(n + 1),
/// n the rows it was fitted on. β &gt; 0, so the arg-max class never changes.
/// </summary>
public sealed record TemperatureCalibrator(double InverseTemperature, int Classes, int CalibrationRows)
{
    public double Mixture => 1.0 / (CalibrationRows + 1.0);

    /// <summary>
    /// The calibrator a model file stores, for a model of <paramref name="classes"/> classes; null when the stored
    /// values cannot be one (another method, β not positive and finite, another class count, negative rows).
    /// </summary>
    public static TemperatureCalibrator? FromStored(string? method, double inverseTemperature, int storedClasses, int calibrationRows, int classes) =>
        method == "ts-mix" && inverseTemperature > 0 && double.IsFinite(inverseTemperature) && storedClasses == classes && classes >= 2 && calibrationRows >= 0
            ? new TemperatureCalibrator(inverseTemperature, classes, calibrationRows)
            : null;

    public Predictions Apply(Predictions probabilities)
    {
        if (probabilities.OutputCount != Classes)
        {
            throw new ArgumentException($"the calibrator was fitted on {Classes} classes, the predictions have {probabilities.OutputCount}", nameof(probabilities));
        }

        var logits = TemperatureScaling.Logits(probabilities);
        var result = new double[logits.Length];
        var (epsilon, uniform) = (Mixture, Mixture / Classes);
        for (var r = 0; r < probabilities.RowCount; r++)
        {
            var z = logits.AsSpan(r * Classes, Classes);
            var p = result.AsSpan(r * Classes, Classes);
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, InverseTemperature * v);
            }

            var norm = 0.0;
            for (var k = 0; k < Classes; k++)
            {
                p[k] = Math.Exp((InverseTemperature * z[k]) - max);
                norm += p[k];
            }

            for (var k = 0; k < Classes; k++)
            {
                p[k] = ((1 - epsilon) * p[k] / norm) + uniform;
            }
        }

        return new Predictions(probabilities.RowCount, Classes, result);
    }
}
