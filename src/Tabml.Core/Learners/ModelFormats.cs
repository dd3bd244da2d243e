using Tabml.Bundles;

namespace Tabml.Learners;

/// <summary>
/// The model formats a bundle may contain, by name. Loading only parses data (JSON, float32 arrays,
/// LightGBM's model text, ML.NET's model zip); nothing in a bundle is executed.
/// </summary>
public static class ModelFormats
{
    private static readonly Dictionary<string, Func<IArtifactReader, ModelLoadContext, IModel>> Loaders = new(StringComparer.Ordinal)
    {
        [FoldAverageModel.FormatName] = FoldAverageModel.Load,
        [Calibration.CalibratedModel.FormatName] = Calibration.CalibratedModel.Load,
        [LightGbm.LightGbmModel.FormatName] = LightGbm.LightGbmModel.Load,
        [FastTree.FastTreeModel.FormatName] = FastTree.FastTreeModel.Load,
        [RealMlp.RealMlpModel.FormatName] = RealMlp.RealMlpModel.Load,
    };

    public static IReadOnlyCollection<string> Names => Loaders.Keys;

    /// <summary>Adds a format; for tests, which need a model double (the product's formats are listed above).</summary>
    internal static void RegisterForTests(string format, Func<IArtifactReader, ModelLoadContext, IModel> load) =>
        Loaders.TryAdd(format, load);

    public static bool IsKnown(string format) => Loaders.ContainsKey(format);

    public static IModel Load(string format, IArtifactReader reader, ModelLoadContext context)
    {
        if (!Loaders.TryGetValue(format, out var load))
        {
            throw reader.Corrupt("manifest.json", $"unknown model format '{format}'");
        }

        return load(reader, context);
    }
}
