using Tabml.Errors;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;

namespace Tabml.Training;

/// <summary>
/// Refit (pytabkit's n_refit, its "stop_epoch" example): a learner that trains on all rows, without
/// validation rows, for exactly the epochs / iterations the validated fits selected — the best one of a
/// holdout, the rounded mean over the folds of k-fold bagging. A learner that selects nothing on validation rows
/// (the -D defaults: a fixed number of trees, the last epoch) is refitted with its own settings.
/// </summary>
internal static class RefitPlanner
{
    public static ILearner For(ILearner learner, IModel fitted) =>
        For(learner, (fitted is FoldAverageModel average ? average.Folds : [fitted]).Select(f => f.Facts).ToArray());

    /// <summary>The refit of <paramref name="learner"/> from the facts of its validated fold models (one for a holdout).</summary>
    public static ILearner For(ILearner learner, IReadOnlyList<IReadOnlyDictionary<string, double>> folds) => learner switch
    {
        LightGbmLearner lightGbm when Mean(folds, ModelFacts.BestIteration) is { } iterations =>
            new LightGbmLearner(lightGbm.Name, (LightGbmSettings)lightGbm.Settings with { NumIterations = iterations, EarlyStoppingRounds = null }),
        RealMlpLearner realMlp when Mean(folds, ModelFacts.BestEpoch) is { } epochs =>
            new RealMlpLearner(realMlp.Name, (RealMlpSettings)realMlp.Settings with { StopEpoch = epochs }),
        FastTreeLearner fastTree when Mean(folds, ModelFacts.BestIteration) is { } trees =>
            new FastTreeLearner(fastTree.Name, (FastTreeSettings)fastTree.Settings with { NumberOfTrees = trees }),

        // Selected nothing on validation rows (the -D defaults): trained again as it was.
        LightGbmLearner or RealMlpLearner or FastTreeLearner => learner,
        _ => throw TabmlException.Usage($"--refit: {learner.Name} cannot be refitted in this build"),
    };

    /// <summary>The rounded mean of a selected count over the fold models (at least 1); null when a model selected none.</summary>
    internal static int? Mean(IReadOnlyList<IReadOnlyDictionary<string, double>> folds, string fact)
    {
        if (folds.Any(f => !f.ContainsKey(fact)))
        {
            return null;
        }

        return Math.Max(1, (int)Math.Round(folds.Average(f => f[fact]), MidpointRounding.AwayFromZero));
    }
}
