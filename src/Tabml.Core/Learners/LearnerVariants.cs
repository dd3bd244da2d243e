using Tabml.Data;
using Tabml.Errors;

namespace Tabml.Learners;

/// <summary>Creates a learner with the training options that vary its fitting (n_ens for RealMLP).</summary>
public static class LearnerVariants
{
    public static ILearner Create(string name, TaskKind task, int ensemble)
    {
        var learner = LearnerCatalog.Create(name, task);
        if (ensemble == 1)
        {
            return learner;
        }

        throw TabmlException.Usage($"{learner.Name}: packed ensembles (n_ens = {ensemble}) are not available in this build");
    }
}
