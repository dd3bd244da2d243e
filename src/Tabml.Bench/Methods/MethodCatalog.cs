using Tabml.Errors;
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

    /// <summary>
    /// A preset with levers (<see cref="PresetMethods"/>: paper, default, best — here "best" is the preset, as
    /// in `train --preset best`; the best member is best-td), a method of the name table
    /// (<see cref="ModelNames"/>, any alias), or a learner's fitting variant (<see cref="MemberVariant"/>, e.g.
    /// realmlp-td.bag8.ens4); an unknown name is a usage error listing them.
    /// </summary>
    public static BenchMethod Get(string name)
    {
        if (PresetMethods.IsPresetName(name))
        {
            return PresetMethods.Resolve(name);
        }

        if (ModelNames.TryResolve(name, out var known))
        {
            return All.FirstOrDefault(m => m.Name == known.Canonical)
                ?? throw new InvalidOperationException($"model name '{known.Canonical}' has no benchmark method");
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            var variant = MemberVariant.TryParse(name.Trim().ToLowerInvariant(), LearnerCatalog.Resolve)!;
            var plain = All.FirstOrDefault(m => m.Kind == MethodKind.Learner && m.Learner == variant.Learner && variant.Name == variant.Learner);
            return plain ?? new BenchMethod(variant.Name, MethodKind.Variant, variant.Learner, []) { Variant = variant };
        }

        throw TabmlException.Usage($"unknown model '{name.Trim()}' for --methods; names: {ModelNames.Listing()}; presets paper, default, best with levers (paper+calibrate, paper+selectll, paper+bag8, paper+ens4, paper+refit); learner variants (realmlp-td.bag8.ens4)");
    }

    /// <summary>The requested methods plus the members composites need, members first, in catalog order.</summary>
    public static IReadOnlyList<BenchMethod> WithMembers(IEnumerable<string> requested)
    {
        var wanted = new Dictionary<string, BenchMethod>(StringComparer.Ordinal);
        foreach (var method in requested.Select(Get))
        {
            wanted.TryAdd(method.Name, method);
            foreach (var member in method.Members.Select(Get))
            {
                wanted.TryAdd(member.Name, member);
            }
        }

        // Catalog order first (it breaks ties among members), then variants, then composites.
        return wanted.Values
            .OrderBy(m => m.Kind is MethodKind.Best or MethodKind.Ensemble or MethodKind.Preset ? 1 : 0)
            .ThenBy(m => Array.FindIndex(All, a => a.Name == m.Name) is var i and >= 0 ? i : All.Length)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToArray();
    }
}
