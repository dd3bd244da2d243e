using Tabml.Training;

namespace Tabml.Bench.Methods;

/// <summary>
/// A benchmark method: one learner with its defaults, a fitting variant of a learner (bagged, n_ens, refit),
/// a random search over a learner's space, the best / the greedy ensemble of other methods' validation
/// predictions, or a training preset (paper, default, best, and single levers such as paper+calibrate)
/// combined from its member variants exactly as `tabml train` combines them.
/// </summary>
public sealed record BenchMethod(string Name, MethodKind Kind, string? Learner, IReadOnlyList<string> Members)
{
    /// <summary>For <see cref="MethodKind.Variant"/>: how the learner is fitted.</summary>
    public MemberVariant? Variant { get; init; }

    /// <summary>For <see cref="MethodKind.Preset"/>: the preset's options with the method's levers applied.</summary>
    public TrainOptions? Preset { get; init; }
}

public enum MethodKind
{
    Learner,
    Variant,
    Hpo,
    Best,
    Ensemble,
    Preset,
}
