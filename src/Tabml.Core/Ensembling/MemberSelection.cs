using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Ensembling;

/// <summary>Best-of selection (method-spec §7 Best-TD/-HPO): the member with the lowest validation loss, ties to the earlier one.</summary>
public static class MemberSelection
{
    public static int Best(IReadOnlyList<Predictions> validation, TargetColumn target, IMetric loss)
    {
        var best = 0;
        var bestLoss = double.PositiveInfinity;
        for (var m = 0; m < validation.Count; m++)
        {
            var value = loss.Compute(target, validation[m]);
            if (m == 0 || value < bestLoss)
            {
                best = m;
                bestLoss = value;
            }
        }

        return best;
    }

    /// <summary>The weighted mean of the members' predictions (probabilities for classification).</summary>
    public static Predictions Blend(IReadOnlyList<Predictions> members, IReadOnlyList<double> weights)
    {
        var values = new double[members[0].Values.Length];
        for (var m = 0; m < members.Count; m++)
        {
            if (weights[m] <= 0)
            {
                continue;
            }

            var source = members[m].Values;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] += weights[m] * source[i];
            }
        }

        return new Predictions(members[0].RowCount, members[0].OutputCount, values);
    }
}
