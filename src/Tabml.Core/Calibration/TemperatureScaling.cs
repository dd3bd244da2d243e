using Tabml.Learners;

namespace Tabml.Calibration;

/// <summary>
/// Post-hoc temperature scaling with the Laplace-style uniform mixture, 'ts-mix' (method-spec §14, after
/// probmetrics' TemperatureScalingCalibrator + MixtureCalibrator): the inverse temperature β minimises the
/// mean cross-entropy of softmax(β·z) on the calibration rows, found by bisection on log β over [−16, 16]
/// in 30 steps on the derivative; the result is mixed with the uniform distribution by ε = 1/(n + 1).
/// </summary>
public static class TemperatureScaling
{
    public const double LowerLogBeta = -16;
    public const double UpperLogBeta = 16;
    public const int BisectionSteps = 30;

    /// <summary>Fits on probabilities (rows × classes) and the true class of each row.</summary>
    public static TemperatureCalibrator Fit(Predictions probabilities, ReadOnlySpan<int> labels)
    {
        if (probabilities.RowCount != labels.Length)
        {
            throw new ArgumentException($"{probabilities.RowCount} prediction rows but {labels.Length} labels", nameof(labels));
        }

        if (probabilities.OutputCount < 2)
        {
            throw new ArgumentException("temperature scaling needs at least two class columns", nameof(probabilities));
        }

        var logits = Logits(probabilities);
        var classes = probabilities.OutputCount;
        var labelMean = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            labelMean += logits[(i * classes) + labels[i]];
        }

        labelMean /= Math.Max(1, labels.Length);
        var (a, b) = (LowerLogBeta, UpperLogBeta);
        for (var step = 0; step < BisectionSteps; step++)
        {
            var c = a + (0.5 * (b - a));
            if (ExpectedLogit(logits, classes, Math.Exp(c)) - labelMean > 0)
            {
                b = c;
            }
            else
            {
                a = c;
            }
        }

        return new TemperatureCalibrator(Math.Exp(0.5 * (a + b)), classes, labels.Length);
    }

    /// <summary>z = log(p + 1e-30), as pytabkit turns GBDT probabilities into logits (method-spec §5.1).</summary>
    internal static double[] Logits(Predictions probabilities)
    {
        var values = probabilities.Values;
        var logits = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            logits[i] = Math.Log(values[i] + 1e-30);
        }

        return logits;
    }

    /// <summary>mean_i Σ_k z_ik · softmax(β z_i)_k: the first term of d/dβ of the mean cross-entropy.</summary>
    private static double ExpectedLogit(double[] logits, int classes, double beta)
    {
        var rows = logits.Length / classes;
        var total = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var z = logits.AsSpan(r * classes, classes);
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, beta * v);
            }

            double weighted = 0, norm = 0;
            foreach (var v in z)
            {
                var e = Math.Exp((beta * v) - max);
                weighted += e * v;
                norm += e;
            }

            total += weighted / norm;
        }

        return total / Math.Max(1, rows);
    }
}
