using Tabml.Learners;

namespace Tabml.Bundles;

/// <summary>The names --member takes: the learners of <see cref="ModelNames"/> and the bundle's own combinations.</summary>
public static class MemberNames
{
    /// <summary>The combinations a bundle answers for itself: its greedy ensemble and its best member.</summary>
    public const string Ensemble = "ensemble-td";

    public const string Best = "best-td";

    /// <summary>Whether --member takes this name of the table: any learner, and the bundle's ensemble and best.</summary>
    public static bool Accepts(ModelName name) => name.Kind == ModelNameKind.Learner || name.Canonical is Ensemble or Best;
}
