using Tabml.Errors;

namespace Tabml.Learners;

/// <summary>
/// The one table of model names: every learner, search and combination tabml can name, with its canonical
/// name (used in bundles, leaderboards, benchmark rows and reports) and the aliases a user may type. Every
/// command resolves names here, so an alias works everywhere and an unknown name is refused the same way.
/// </summary>
public static class ModelNames
{
    private static readonly ModelName[] Table =
    [
        new("lightgbm-td", ModelNameKind.Learner, "LightGBM with the paper's tuned defaults", ["lightgbm"]),
        new("lightgbm-d", ModelNameKind.Learner, "LightGBM with the library's defaults", []),
        new("fasttree-td", ModelNameKind.Learner, "ML.NET FastTree with LightGBM-TD's values", ["fasttree"]),
        new("fasttree-d", ModelNameKind.Learner, "ML.NET FastTree with ML.NET's defaults", []),
        new("realmlp-td", ModelNameKind.Learner, "RealMLP-TD, the paper's MLP with tuned defaults", ["realmlp"]),
        new("realmlp-td-s", ModelNameKind.Learner, "RealMLP-TD-S, the simplified variant", ["realmlp-s"]),
        new("mlp-d", ModelNameKind.Learner, "a plain MLP with common library defaults", []),
        new("lightgbm-hpo", ModelNameKind.Search, "random search over LightGBM's space (tabml bench)", []),
        new("realmlp-hpo", ModelNameKind.Search, "random search over RealMLP's space (tabml bench)", []),
        new("ensemble-td", ModelNameKind.Ensemble, "greedy ensemble of the members on the validation rows", ["ensemble"]),
        new("best-td", ModelNameKind.Best, "the member with the lowest validation error", ["best"]),
        new("ensemble-hpo", ModelNameKind.Ensemble, "greedy ensemble of the -hpo methods (tabml bench)", []),
        new("best-hpo", ModelNameKind.Best, "the best of the -hpo methods (tabml bench)", []),
    ];

    private static readonly Dictionary<string, ModelName> ByName = BuildIndex();

    public static IReadOnlyList<ModelName> All => Table;

    public static IEnumerable<ModelName> Learners => Table.Where(n => n.Kind == ModelNameKind.Learner);

    /// <summary>The name a user typed, looked up case-insensitively among canonical names and aliases.</summary>
    public static bool TryResolve(string text, out ModelName name) => ByName.TryGetValue(text.Trim(), out name!);

    /// <summary>
    /// Resolves a name for <paramref name="option"/>, accepting only the kinds listed (all when none are);
    /// anything else is a usage error that lists the names that option takes.
    /// </summary>
    public static ModelName Resolve(string text, string option, params ModelNameKind[] kinds) =>
        Resolve(text, option, n => kinds.Length == 0 || kinds.Contains(n.Kind));

    /// <summary>Resolves a name for <paramref name="option"/> among the names <paramref name="accepts"/> allows.</summary>
    public static ModelName Resolve(string text, string option, Func<ModelName, bool> accepts)
    {
        if (TryResolve(text, out var name) && accepts(name))
        {
            return name;
        }

        var why = TryResolve(text, out var other) ? $"'{text}' ({other.Canonical}) cannot be used with {option}" : $"unknown model '{text}' for {option}";
        throw TabmlException.Usage($"{why}; names: {string.Join(", ", Table.Where(accepts).Select(n => n.Listing))}");
    }

    /// <summary>The canonical form of a known name; any other text is returned trimmed (old or foreign names).</summary>
    public static string Canonical(string text) => TryResolve(text, out var name) ? name.Canonical : text.Trim();

    /// <summary>Whether two names (canonical or aliases) mean the same model.</summary>
    public static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>One line per name for help texts: "lightgbm-td (lightgbm)".</summary>
    public static string Listing(params ModelNameKind[] kinds) =>
        string.Join(", ", Table.Where(n => kinds.Length == 0 || kinds.Contains(n.Kind)).Select(n => n.Listing));

    private static Dictionary<string, ModelName> BuildIndex()
    {
        var index = new Dictionary<string, ModelName>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Table)
        {
            foreach (var text in name.Aliases.Prepend(name.Canonical))
            {
                if (!index.TryAdd(text, name))
                {
                    throw new InvalidOperationException($"model name '{text}' is listed twice");
                }
            }
        }

        return index;
    }
}
