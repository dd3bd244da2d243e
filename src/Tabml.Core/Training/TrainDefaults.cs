namespace Tabml.Training;

/// <summary>What `tabml train` does when not told otherwise, for library callers to start from.</summary>
public static class TrainDefaults
{
    /// <summary>The default members, cheapest first: LightGBM-TD, FastTree-TD and RealMLP-TD.</summary>
    public static IReadOnlyList<string> Models { get; } = ["lightgbm-td", "fasttree-td", "realmlp-td"];

    /// <summary>
    /// The CLI's defaults: the <see cref="Models"/>, seed 0, every core, a 20% holdout, no time limit. Change
    /// what you need with <c>with</c>: <c>TrainDefaults.Options with { Models = ["lightgbm"] }</c>.
    /// </summary>
    public static TrainOptions Options => new() { Models = Models, Threads = Environment.ProcessorCount };
}
