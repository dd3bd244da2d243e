using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Metrics;

/// <summary>
/// ROC AUC from ranks (Mann–Whitney U, ties get their average rank): binary on the positive class's
/// probability, macro one-versus-rest for multiclass over the classes present with both outcomes.
/// </summary>
public static class AreaUnderCurve
{
    public static double Compute(TargetColumn target, Predictions predictions)
    {
        var labels = target.RequireLabels();
        if (predictions.OutputCount == 2)
        {
            return OneVersusRest(labels, predictions, positive: 1);
        }

        var sum = 0.0;
        var count = 0;
        for (var c = 0; c < predictions.OutputCount; c++)
        {
            var auc = OneVersusRest(labels, predictions, c);
            if (!double.IsNaN(auc))
            {
                sum += auc;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>AUC of class <paramref name="positive"/> against the rest; NaN when one side is empty.</summary>
    public static double OneVersusRest(int[] labels, Predictions predictions, int positive)
    {
        var n = labels.Length;
        var order = new int[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            scores[i] = predictions[i, positive];
        }

        Array.Sort(scores, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && scores[end + 1] == scores[start])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1.0;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]] == positive)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }
}
