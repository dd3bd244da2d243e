using Tabml.Learners;

namespace Tabml.Bench.Methods;

/// <summary>
/// The methods `tabml bench` knows, under the canonical names of <see cref="ModelNames"/>. Composite members are listed in a fixed order, which breaks ties
/// (method-spec §7: Best-* takes the first member among equals).
/// </summary>
public static class MethodCatalog
{
    private static readonly string[] TdMembers = ["lightgbm-td", "fasttree-td", "realmlp-td"];
    private static readonly string[] HpoMembers = ["lightgbm-hpo", "realmlp-hpo"];

    private static readonly BenchMethod[] All =
    [
        new("lightgbm-td", MethodKind.Learner, "lightgbm-td", []),
        new("lightgbm-d", MethodKind.Learner, "lightgbm-d", []),
        new("fasttree-td", MethodKind.Learner, "fasttree-td", []),
        new("fasttree-d", MethodKind.Learner, "fasttree-d", []),
        new("realmlp-td", MethodKind.Learner, "realmlp-td", []),
        new("realmlp-td-s", MethodKind.Learner, "realmlp-td-s", []),
        new("mlp-d", MethodKind.Learner, "mlp-d", []),
        new("lightgbm-hpo", MethodKind.Hpo, "lightgbm", []),
        new("realmlp-hpo", MethodKind.Hpo, "realmlp", []),
        new("best-td", MethodKind.Best, null, TdMembers),
        new("ensemble-td", MethodKind.Ensemble, null, TdMembers),
        new("best-hpo", MethodKind.Best, null, HpoMembers),
        new("ensemble-hpo", MethodKind.Ensemble, null, HpoMembers),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    /// <summary>The method a name or alias of <see cref="ModelNames"/> means; an unknown name is a usage error listing them.</summary>
    public static BenchMethod Get(string name)
    {
        var canonical = ModelNames.Resolve(name, "--methods").Canonical;
        return All.FirstOrDefault(m => m.Name == canonical)
            ?? throw new InvalidOperationException($"model name '{canonical}' has no benchmark method");
    }

    /// <summary>The requested methods plus the members composites need, members first, in catalog order.</summary>
    public static IReadOnlyList<BenchMethod> WithMembers(IEnumerable<string> requested)
    {
        var wanted = new HashSet<string>(requested.Select(r => Get(r).Name));
        foreach (var composite in All.Where(m => wanted.Contains(m.Name)))
        {
            wanted.UnionWith(composite.Members);
        }

        return All.Where(m => wanted.Contains(m.Name)).OrderBy(m => m.Kind is MethodKind.Best or MethodKind.Ensemble ? 1 : 0).ToArray();
    }
}
