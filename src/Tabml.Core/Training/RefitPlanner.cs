using Tabml.Errors;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;

namespace Tabml.Training;

/// <summary>
/// Refit (pytabkit's n_refit, its "stop_epoch" example): a learner that trains on all rows, without
/// validation rows, for exactly the epochs / iterations the validated fits selected — the best one of a
/// holdout, the rounded mean over the folds of k-fold bagging.
/// </summary>
internal static class RefitPlanner
{
    public static ILearner For(ILearner learner, IModel fitted)
    {
        var folds = fitted is FoldAverageModel average ? average.Folds : [fitted];
        return learner switch
        {
            LightGbmLearner lightGbm => new LightGbmLearner(lightGbm.Name, ((LightGbmSettings)lightGbm.Settings) with
            {
                NumIterations = Mean(folds, ModelFacts.BestIteration, learner.Name),
                EarlyStoppingRounds = null,
            }),
            RealMlpLearner realMlp => new RealMlpLearner(realMlp.Name, ((RealMlpSettings)realMlp.Settings) with
            {
                StopEpoch = Mean(folds, ModelFacts.BestEpoch, learner.Name),
            }),
            FastTreeLearner fastTree => new FastTreeLearner(fastTree.Name, ((FastTreeSettings)fastTree.Settings) with
            {
                NumberOfTrees = Mean(folds, ModelFacts.BestIteration, learner.Name),
            }),
            _ => throw TabmlException.Usage($"--refit: {learner.Name} cannot be refitted in this build"),
        };
    }

    /// <summary>The rounded mean of a selected count over the fold models (at least 1).</summary>
    internal static int Mean(IReadOnlyList<IModel> folds, string fact, string learner)
    {
        var values = folds.Select(f => f.Facts.TryGetValue(fact, out var v) ? v : throw new InvalidOperationException($"{learner} reports no {fact}")).ToArray();
        return Math.Max(1, (int)Math.Round(values.Average(), MidpointRounding.AwayFromZero));
    }
}
