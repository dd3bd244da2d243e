using Tabml.Data;

namespace Tabml.Learners;

/// <summary>The learners tabml can train, by canonical name (<see cref="ModelNames"/>), each created with its task's defaults.</summary>
public static class LearnerCatalog
{
    private static readonly Dictionary<string, Func<TaskKind, ILearner>> Factories = new(StringComparer.Ordinal)
    {
        [LightGbm.LightGbmLearner.TunedName] = task => LightGbm.LightGbmLearner.Create(LightGbm.LightGbmLearner.TunedName, task),
        [LightGbm.LightGbmLearner.DefaultName] = task => LightGbm.LightGbmLearner.Create(LightGbm.LightGbmLearner.DefaultName, task),
        [FastTree.FastTreeLearner.TunedName] = task => FastTree.FastTreeLearner.Create(FastTree.FastTreeLearner.TunedName, task),
        [FastTree.FastTreeLearner.DefaultName] = task => FastTree.FastTreeLearner.Create(FastTree.FastTreeLearner.DefaultName, task),
        [RealMlp.RealMlpLearner.TunedName] = task => RealMlp.RealMlpLearner.Create(RealMlp.RealMlpLearner.TunedName, task),
        [RealMlp.RealMlpLearner.SimpleName] = task => RealMlp.RealMlpLearner.Create(RealMlp.RealMlpLearner.SimpleName, task),
        [RealMlp.RealMlpLearner.PlainName] = task => RealMlp.RealMlpLearner.Create(RealMlp.RealMlpLearner.PlainName, task),
    };

    /// <summary>The typed settings of each learner, which a bundle member's settings must deserialize into.</summary>
    private static readonly Dictionary<string, Type> SettingsTypes = new(StringComparer.Ordinal)
    {
        [LightGbm.LightGbmLearner.TunedName] = typeof(LightGbm.LightGbmSettings),
        [LightGbm.LightGbmLearner.DefaultName] = typeof(LightGbm.LightGbmSettings),
        [FastTree.FastTreeLearner.TunedName] = typeof(FastTree.FastTreeSettings),
        [FastTree.FastTreeLearner.DefaultName] = typeof(FastTree.FastTreeSettings),
        [RealMlp.RealMlpLearner.TunedName] = typeof(RealMlp.RealMlpSettings),
        [RealMlp.RealMlpLearner.SimpleName] = typeof(RealMlp.RealMlpSettings),
        [RealMlp.RealMlpLearner.PlainName] = typeof(RealMlp.RealMlpSettings),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The settings record of a learner (any of its names), or null for a name this tabml does not train.</summary>
    public static Type? SettingsType(string name) => SettingsTypes.GetValueOrDefault(ModelNames.Canonical(name));

    /// <summary>The canonical learner name of <paramref name="name"/> (an alias is fine); anything else is a usage error listing the learners.</summary>
    public static string Resolve(string name) => ModelNames.Resolve(name, "--models", ModelNameKind.Learner).Canonical;

    public static ILearner Create(string name, TaskKind task) => Factories[Resolve(name)](task);
}
