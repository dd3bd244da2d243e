namespace Tabml.Training;

/// <summary>
/// Members are trained cheapest first, so that a --time-limit cuts the expensive ones, never all of them.
/// The order is fixed (not measured), which keeps runs without a time limit reproducible.
/// </summary>
public static class TrainingOrder
{
    private static readonly string[] ByCost = ["lightgbm-d", "fasttree-d", "lightgbm-td", "fasttree-td", "mlp-d", "realmlp-td-s", "realmlp-td"];

    /// <summary>The canonical names (<see cref="Learners.ModelNames"/>) of <paramref name="models"/>, each once, cheapest first.</summary>
    public static IReadOnlyList<string> CheapestFirst(IEnumerable<string> models) =>
        models.Select(Learners.ModelNames.Canonical).Distinct(StringComparer.Ordinal).OrderBy(m => Array.IndexOf(ByCost, m) is var i && i >= 0 ? i : ByCost.Length).ToArray();
}
