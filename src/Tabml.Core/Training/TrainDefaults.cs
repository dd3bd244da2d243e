namespace Tabml.Training;

/// <summary>What `tabml train` does when not told otherwise, for library callers to start from.</summary>
public static class TrainDefaults
{
    /// <summary>The default preset's members, cheapest first: LightGBM-TD, FastTree-TD and RealMLP-TD.</summary>
    public static IReadOnlyList<string> Models => PresetCatalog.Get(PresetCatalog.Default).Models;

    /// <summary>
    /// The CLI's defaults: the <c>default</c> preset (configs/presets/default.json), seed 0, every core, no time
    /// limit. Change what you need with <c>with</c>: <c>TrainDefaults.Options with { Models = ["lightgbm"] }</c>,
    /// or start from another preset with <see cref="TrainOptions.From"/>.
    /// </summary>
    public static TrainOptions Options => TrainOptions.From(PresetCatalog.Get(PresetCatalog.Default)) with { Threads = Environment.ProcessorCount };
}
