using Tabml.Data;
using Tabml.Learners;
using Tabml.Numerics.Random;

namespace Tabml.Core.Tests.TestData;

/// <summary>Labels drawn from softmax(z) and members that report softmax(scale·z): known calibration answers.</summary>
internal static class CalibrationSamples
{
    public static (double[] Logits, int[] Labels) Sample(int classes, int rows, int seed)
    {
        var rng = new DeterministicRandom((ulong)seed);
        var logits = new double[rows * classes];
        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < classes; k++)
            {
                logits[(r * classes) + k] = 1.5 * rng.NextGaussian();
            }

            var p = Softmax(new Predictions(1, classes, logits[(r * classes)..((r + 1) * classes)]), classes, 1.0, fromLogits: true);
            var u = rng.NextDouble();
            var label = classes - 1;
            for (var k = 0; k < classes; k++)
            {
                u -= p.Values[k];
                if (u < 0)
                {
                    label = k;
                    break;
                }
            }

            labels[r] = label;
        }

        return (logits, labels);
    }

    public static Predictions Softmax(double[] logits, int classes, double scale) =>
        Softmax(new Predictions(logits.Length / classes, classes, logits), classes, scale, fromLogits: true);

    public static Predictions Softmax(Predictions input, int classes, double scale, bool fromLogits)
    {
        var values = new double[input.Values.Length];
        for (var r = 0; r < input.RowCount; r++)
        {
            var max = double.NegativeInfinity;
            for (var k = 0; k < classes; k++)
            {
                max = Math.Max(max, scale * (fromLogits ? input[r, k] : Math.Log(input[r, k])));
            }

            var sum = 0.0;
            for (var k = 0; k < classes; k++)
            {
                values[(r * classes) + k] = Math.Exp((scale * (fromLogits ? input[r, k] : Math.Log(input[r, k]))) - max);
                sum += values[(r * classes) + k];
            }

            for (var k = 0; k < classes; k++)
            {
                values[(r * classes) + k] /= sum;
            }
        }

        return new Predictions(input.RowCount, classes, values);
    }

    public static TargetColumn Target(int[] labels, int classes) =>
        TargetColumn.Classification("y", classes == 2 ? TaskKind.Binary : TaskKind.Multiclass, labels, Enumerable.Range(0, classes).Select(k => $"c{k}").ToArray());
}
