using System.Text.Json;
using Microsoft.ML;
using Tabml.Bundles;
using Tabml.Data;

namespace Tabml.Learners.FastTree;

/// <summary>
/// A fitted FastTree model: the feature encoding and one tree ensemble (binary, regression) or one per class
/// (one-versus-all), each used up to its kept tree count. tabml evaluates the trees itself
/// (<see cref="FastTreeForest"/>), so a prefix can be kept and many rows predicted on several threads.
/// Bundles store the kept trees in tabml's own binary form (trees{k}.bin): ML.NET's model zip cannot be
/// truncated to a prefix through its public API, and it embeds the training thread count, which would make
/// the bundle depend on --threads although the trees do not.
/// </summary>
public sealed class FastTreeModel : IModel
{
    public const string FormatName = "fasttree";

    // Format history (encoding.json "version"):
    //   1 (no "version"): ML.NET's model{k}.zip, every tree used (ML.NET had pruned them); multiclass = each
    //     class's Platt probability normalised over the classes.
    //   2: trees{k}.bin holds the kept trees (FastTreeForest.ToBytes); encoding.json adds "sigmoids" (Platt
    //     slope and offset per binary model), "combination" for multiclass, and the training "facts".
    private const int CurrentVersion = 2;
    private readonly IReadOnlyList<FastTreeFit> _fits;
    private readonly IReadOnlyList<int> _trees;
    private readonly OneVersusAll _combination;

    internal FastTreeModel(FastTreeModelParts parts, IReadOnlyList<FastTreeFit> fits, IReadOnlyList<int> trees)
    {
        LearnerName = parts.LearnerName;
        Task = parts.Task;
        ClassCount = parts.ClassCount;
        Encoder = parts.Encoder;
        _combination = parts.Combination;
        Facts = parts.Facts;
        _fits = fits;
        _trees = trees;
    }

    public string LearnerName { get; }

    public string Format => FormatName;

    public TaskKind Task { get; }

    public int ClassCount { get; }

    public FastTreeFeatureEncoder Encoder { get; }

    public IReadOnlyDictionary<string, double> Facts { get; }

    /// <summary>The trees used per fitted model (a prefix of each model's trees).</summary>
    public IReadOnlyList<int> KeptTrees => _trees;

    internal IReadOnlyList<FastTreeFit> Fits => _fits;

    /// <summary>How one-versus-all class scores become probabilities (multiclass), for exporters.</summary>
    internal OneVersusAll Combination => _combination;

    public Predictions Predict(Dataset data, int threads)
    {
        var rows = Encoder.EncodeRowMajor(data, threads);
        var scores = new double[_fits.Count][];
        for (var k = 0; k < _fits.Count; k++)
        {
            scores[k] = _fits[k].Forest.Scores(rows, data.RowCount, Encoder.Width, _trees[k], threads);
        }

        if (data.RowCount == 0)
        {
            return new Predictions(0, Task == TaskKind.Regression ? 1 : Math.Max(2, ClassCount), []);
        }

        return FastTreeOutputs.ToPredictions(Task, _fits, scores, _combination);
    }

    /// <summary>ML.NET's tree ensembles are managed; a transformer that holds more (none of FastTree's do today) is released.</summary>
    public void Dispose()
    {
        foreach (var fit in _fits)
        {
            (fit.Transformer as IDisposable)?.Dispose();
        }
    }

    public void Save(IArtifactWriter writer)
    {
        var info = new EncodingFile(Task.ToName(), ClassCount, _fits.Count, Encoder.Columns)
        {
            Version = CurrentVersion,
            Sigmoids = Task.IsClassification() ? _fits.Select(f => new PlattSigmoid(f.Slope, f.Offset)).ToArray() : null,
            Combination = Task == TaskKind.Multiclass ? _combination : null,
            Facts = Facts,
        };
        writer.Write("encoding.json", JsonSerializer.SerializeToUtf8Bytes(info, BundleJson.Options));
        for (var k = 0; k < _fits.Count; k++)
        {
            writer.Write($"trees{k}.bin", _fits[k].Forest.Prefix(_trees[k]).ToBytes());
        }
    }

    public static IModel Load(IArtifactReader reader, ModelLoadContext context)
    {
        var info = ReadEncoding(reader, context);
        var fits = info.Version is null ? LoadMlNet(reader, info.Models) : LoadTrees(reader, info);
        for (var k = 0; k < fits.Count; k++)
        {
            if (fits[k].Forest.MaxFeature >= info.Columns.Sum(c => c.Width))
            {
                throw reader.Corrupt(info.Version is null ? $"model{k}.zip" : $"trees{k}.bin", "the trees read features the encoding does not have");
            }
        }

        var facts = info.Facts ?? new Dictionary<string, double> { ["models"] = fits.Count };
        var combination = info.Combination ?? OneVersusAll.NormalisedSigmoids;
        var parts = new FastTreeModelParts(context.LearnerName, context.Task, info.ClassCount, new FastTreeFeatureEncoder(info.Columns), combination, facts);
        return new FastTreeModel(parts, fits, fits.Select(f => f.Forest.TreeCount).ToArray());
    }

    private static EncodingFile ReadEncoding(IArtifactReader reader, ModelLoadContext context)
    {
        EncodingFile? info;
        try
        {
            info = JsonSerializer.Deserialize<EncodingFile>(reader.Read("encoding.json"), BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw reader.Corrupt("encoding.json", e.Message);
        }

        var expectedModels = context.Task == TaskKind.Multiclass ? context.ClassCount : 1;
        if (info is null || info.Task != context.Task.ToName() || info.Models != expectedModels)
        {
            throw reader.Corrupt("encoding.json", "does not match the bundle's task or classes");
        }

        if (info.Version is { } version && (version < 2 || version > CurrentVersion))
        {
            throw reader.Corrupt("encoding.json", $"format version {version} is not one this tabml reads (1 to {CurrentVersion})");
        }

        if (info.Version is not null && context.Task.IsClassification() && info.Sigmoids?.Length != info.Models)
        {
            throw reader.Corrupt("encoding.json", "a sigmoid per model is missing");
        }

        return info;
    }

    /// <summary>Version 2: the kept trees in tabml's binary form, with each binary model's sigmoid.</summary>
    private static List<FastTreeFit> LoadTrees(IArtifactReader reader, EncodingFile info)
    {
        var fits = new List<FastTreeFit>();
        for (var k = 0; k < info.Models; k++)
        {
            var name = $"trees{k}.bin";
            var forest = FastTreeForest.FromBytes(reader.Read(name)) ?? throw reader.Corrupt(name, "not a well-formed tree ensemble");
            var sigmoid = info.Sigmoids?[k] ?? new PlattSigmoid(0, 0);
            fits.Add(new FastTreeFit(null, forest, sigmoid.Slope, sigmoid.Offset));
        }

        return fits;
    }

    /// <summary>Version 1: ML.NET's model zips, every tree used.</summary>
    private static List<FastTreeFit> LoadMlNet(IArtifactReader reader, int models)
    {
        var ml = new MLContext(0);
        var fits = new List<FastTreeFit>();
        for (var k = 0; k < models; k++)
        {
            var name = $"model{k}.zip";
            try
            {
                using var stream = new MemoryStream(reader.Read(name));
                fits.Add(FastTreeFit.Of(ml.Model.Load(stream, out _)));
            }
            catch (Exception e) when (e is not Errors.TabmlException and not OutOfMemoryException)
            {
                // ML.NET parses the zip with reflection-created loaders: whatever a damaged model makes them
                // throw (wrapped in TargetInvocationException, or a NullReferenceException deep inside) means
                // this is not a model ML.NET can read.
                var cause = Errors.LearnerFailure.Unwrap(e);
                throw reader.Corrupt(name, $"ML.NET cannot read the model: {cause.GetType().Name}: {cause.Message.Split('\n')[0]}");
            }
        }

        return fits;
    }

    private sealed record EncodingFile(string Task, int ClassCount, int Models, IReadOnlyList<EncodedColumn> Columns)
    {
        public int? Version { get; init; }

        public PlattSigmoid[]? Sigmoids { get; init; }

        public OneVersusAll? Combination { get; init; }

        public IReadOnlyDictionary<string, double>? Facts { get; init; }
    }

    private sealed record PlattSigmoid(double Slope, double Offset);
}

/// <summary>What describes a fitted FastTree model besides its ML.NET fits.</summary>
internal sealed record FastTreeModelParts(string LearnerName, TaskKind Task, int ClassCount, FastTreeFeatureEncoder Encoder, OneVersusAll Combination, IReadOnlyDictionary<string, double> Facts);
