using Tabml.Data;
using Tabml.Errors;

namespace Tabml.Learners;

/// <summary>Creates a learner with the training options that vary its fitting (n_ens for RealMLP; 1 keeps the defaults file's value).</summary>
public static class LearnerVariants
{
    /// <summary>A preset's member: the RealMLP learners get the preset's n_ens, the others are unchanged.</summary>
    public static ILearner ForMember(string name, TaskKind task, int realMlpEnsemble) =>
        Create(name, task, IsRealMlp(LearnerCatalog.Resolve(name)) ? realMlpEnsemble : 1);

    /// <summary>The learners built on the RealMLP engine, which take n_ens.</summary>
    public static bool IsRealMlp(string name) => name.StartsWith("realmlp", StringComparison.Ordinal) || name == RealMlp.RealMlpLearner.PlainName;

    public static ILearner Create(string name, TaskKind task, int ensemble)
    {
        var learner = LearnerCatalog.Create(name, task);
        if (ensemble == 1)
        {
            return learner;
        }

        return learner is RealMlp.RealMlpLearner realMlp
            ? new RealMlp.RealMlpLearner(realMlp.Name, ((RealMlp.RealMlpSettings)realMlp.Settings) with { NEns = ensemble })
            : throw TabmlException.Usage($"{learner.Name}: packed ensembles (n_ens = {ensemble}) apply to RealMLP only");
    }
}
