using Tabml.Data;
using Tabml.Errors;

namespace Tabml.Learners;

/// <summary>The learners tabml can train, by public name, each created with its task's defaults.</summary>
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

    /// <summary>Short names a user may type for the tuned-default variants.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["lightgbm"] = "lightgbm-td",
        ["fasttree"] = "fasttree-td",
        ["realmlp"] = "realmlp-td",
        ["realmlp-td-s"] = "realmlp-s",
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static string Resolve(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        key = Aliases.GetValueOrDefault(key, key);
        if (!Factories.ContainsKey(key))
        {
            throw TabmlException.Usage($"unknown model '{name}'; choose from {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}");
        }

        return key;
    }

    public static ILearner Create(string name, TaskKind task) => Factories[Resolve(name)](task);
}
