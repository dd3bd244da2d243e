namespace Tabml.Bench.Methods;

/// <summary>
/// A benchmark method: one learner with its defaults, a random search over a learner's space, or the best /
/// the greedy ensemble of other methods' validation predictions.
/// </summary>
public sealed record BenchMethod(string Name, MethodKind Kind, string? Learner, IReadOnlyList<string> Members);

public enum MethodKind
{
    Learner,
    Hpo,
    Best,
    Ensemble,
}
