using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Ensembling;

/// <summary>
/// Greedy ensemble selection with replacement on validation predictions (method-spec §7, after Caruana et
/// al. 2004): integer weights start at 0; each of 40 steps tentatively adds 1 to each member's weight and
/// keeps the member whose combination has the strictly lowest loss (ties go to the earlier member); the
/// step is always applied, and the weights of the step with the strictly lowest loss so far are the result.
/// Classification combines probabilities, regression values, as weighted means.
/// </summary>
public static class CaruanaSelector
{
    public const int DefaultSteps = 40;

    public static EnsembleSelection Select(IReadOnlyList<Predictions> members, TargetColumn target, IMetric loss, int steps = DefaultSteps)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("no members to select from", nameof(members));
        }

        var length = members[0].Values.Length;
        var counts = new int[members.Count];
        var sum = new double[length];
        var candidate = new double[length];
        var bestCounts = new int[members.Count];
        var bestLoss = double.PositiveInfinity;
        var stepLosses = new double[steps];
        for (var step = 0; step < steps; step++)
        {
            var chosen = -1;
            var chosenLoss = double.PositiveInfinity;
            for (var m = 0; m < members.Count; m++)
            {
                Combine(sum, members[m].Values, step + 1, candidate);
                var value = loss.Compute(target, new Predictions(members[m].RowCount, members[m].OutputCount, candidate));
                if (chosen < 0 || value < chosenLoss)
                {
                    chosen = m;
                    chosenLoss = value;
                }
            }

            counts[chosen]++;
            var added = members[chosen].Values;
            for (var i = 0; i < length; i++)
            {
                sum[i] += added[i];
            }

            stepLosses[step] = chosenLoss;
            if (chosenLoss < bestLoss)
            {
                bestLoss = chosenLoss;
                counts.CopyTo(bestCounts, 0);
            }
        }

        var total = bestCounts.Sum();
        var weights = bestCounts.Select(c => c / (double)total).ToArray();
        return new EnsembleSelection(weights, bestCounts, bestLoss, stepLosses);
    }

    /// <summary>(sum + added) / count: the mean of the members chosen so far plus the candidate.</summary>
    private static void Combine(double[] sum, double[] added, int count, double[] result)
    {
        var scale = 1.0 / count;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (sum[i] + added[i]) * scale;
        }
    }
}

/// <summary>The selected weights (summing to 1), the integer counts behind them, and the losses per step.</summary>
public sealed record EnsembleSelection(double[] Weights, int[] Counts, double Loss, double[] StepLosses);
