using Tabml.Data;

namespace Tabml.Learners.FastTree;

/// <summary>
/// Turns the raw scores of a FastTree model's fits (one per class for one-versus-all) into predictions:
/// regression the float score, binary [1 − p, p] with FastTree's Platt probability, multiclass a normalised
/// distribution combined from the per-class scores.
/// </summary>
internal static class FastTreeOutputs
{
    public static Predictions ToPredictions(TaskKind task, IReadOnlyList<FastTreeFit> fits, IReadOnlyList<double[]> scores, OneVersusAll combination)
    {
        var rows = scores[0].Length;
        if (task == TaskKind.Regression)
        {
            return new Predictions(rows, 1, scores[0].Select(s => (double)(float)s).ToArray());
        }

        if (task == TaskKind.Binary)
        {
            var values = new double[rows * 2];
            for (var r = 0; r < rows; r++)
            {
                var p = fits[0].Probability(scores[0][r]);
                values[2 * r] = 1.0 - p;
                values[(2 * r) + 1] = p;
            }

            return new Predictions(rows, 2, values);
        }

        return new Predictions(rows, fits.Count, combination == OneVersusAll.Softmax ? Softmax(fits, scores) : NormalisedSigmoids(fits, scores));
    }

    private static double[] NormalisedSigmoids(IReadOnlyList<FastTreeFit> fits, IReadOnlyList<double[]> scores)
    {
        var classes = fits.Count;
        var rows = scores[0].Length;
        var values = new double[rows * classes];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * classes, classes);
            var sum = 0.0;
            for (var k = 0; k < classes; k++)
            {
                row[k] = fits[k].Probability(scores[k][r]);
                sum += row[k];
            }

            for (var k = 0; k < classes; k++)
            {
                row[k] = sum > 0 ? row[k] / sum : 1.0 / classes;
            }
        }

        return values;
    }

    private static double[] Softmax(IReadOnlyList<FastTreeFit> fits, IReadOnlyList<double[]> scores)
    {
        var classes = fits.Count;
        var rows = scores[0].Length;
        var values = new double[rows * classes];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * classes, classes);
            var max = double.NegativeInfinity;
            for (var k = 0; k < classes; k++)
            {
                // The logit of the class's own sigmoid: −(slope · score + offset).
                row[k] = -((fits[k].Slope * (float)scores[k][r]) + fits[k].Offset);
                max = Math.Max(max, row[k]);
            }

            var sum = 0.0;
            for (var k = 0; k < classes; k++)
            {
                row[k] = Math.Exp(row[k] - max);
                sum += row[k];
            }

            for (var k = 0; k < classes; k++)
            {
                row[k] /= sum;
            }
        }

        return values;
    }
}
