using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Bundles;
using Tabml.Data;

namespace Tabml.Learners.FastTree;

/// <summary>
/// A fitted FastTree model: the feature encoding and one ML.NET model (binary, regression) or one per class
/// (one-versus-all). Stored as ML.NET's own model zips, re-packed with a fixed entry timestamp so that the
/// same fit gives the same bytes.
/// </summary>
public sealed class FastTreeModel : IModel
{
    public const string FormatName = "fasttree";

    private static readonly DateTimeOffset FixedTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MLContext _ml;
    private readonly IReadOnlyList<ITransformer> _models;

    internal FastTreeModel(string learnerName, TaskKind task, int classCount, FastTreeFeatureEncoder encoder, MLContext ml, IReadOnlyList<ITransformer> models)
    {
        LearnerName = learnerName;
        Task = task;
        ClassCount = classCount;
        Encoder = encoder;
        _ml = ml;
        _models = models;
    }

    public string LearnerName { get; }

    public string Format => FormatName;

    public TaskKind Task { get; }

    public int ClassCount { get; }

    public FastTreeFeatureEncoder Encoder { get; }

    public IReadOnlyDictionary<string, double> Facts => new Dictionary<string, double> { ["models"] = _models.Count };

    public Predictions Predict(Dataset data, int threads)
    {
        var view = FastTreeRows.Unlabelled(_ml, Encoder.Encode(data), Encoder.Width);
        var n = data.RowCount;
        if (Task == TaskKind.Regression)
        {
            var scores = _models[0].Transform(view).GetColumn<float>("Score").ToArray();
            return new Predictions(n, 1, scores.Select(s => (double)s).ToArray());
        }

        var perModel = _models.Select(m => m.Transform(view).GetColumn<float>("Probability").ToArray()).ToArray();
        var outputs = Task == TaskKind.Binary ? 2 : ClassCount;
        var values = new double[n * outputs];
        for (var r = 0; r < n; r++)
        {
            if (Task == TaskKind.Binary)
            {
                values[2 * r] = 1.0 - perModel[0][r];
                values[(2 * r) + 1] = perModel[0][r];
                continue;
            }

            // One-versus-all: each class's calibrated probability, normalised over the classes.
            var sum = 0.0;
            for (var k = 0; k < outputs; k++)
            {
                sum += perModel[k][r];
            }

            for (var k = 0; k < outputs; k++)
            {
                values[(r * outputs) + k] = sum > 0 ? perModel[k][r] / sum : 1.0 / outputs;
            }
        }

        return new Predictions(n, outputs, values);
    }

    /// <summary>ML.NET's tree ensembles are managed; a transformer that holds more (none of FastTree's do today) is released.</summary>
    public void Dispose()
    {
        foreach (var model in _models)
        {
            (model as IDisposable)?.Dispose();
        }
    }

    public void Save(IArtifactWriter writer)
    {
        var info = new EncodingFile(Task.ToName(), ClassCount, _models.Count, Encoder.Columns);
        writer.Write("encoding.json", JsonSerializer.SerializeToUtf8Bytes(info, BundleJson.Options));
        for (var k = 0; k < _models.Count; k++)
        {
            using var stream = new MemoryStream();
            _ml.Model.Save(_models[k], null, stream);
            writer.Write($"model{k}.zip", Repack(stream.ToArray()));
        }
    }

    public static IModel Load(IArtifactReader reader, ModelLoadContext context)
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

        var ml = new MLContext(0);
        var models = new List<ITransformer>();
        for (var k = 0; k < info.Models; k++)
        {
            var name = $"model{k}.zip";
            try
            {
                using var stream = new MemoryStream(reader.Read(name));
                models.Add(ml.Model.Load(stream, out _));
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

        return new FastTreeModel(context.LearnerName, context.Task, info.ClassCount, new FastTreeFeatureEncoder(info.Columns), ml, models);
    }

    /// <summary>ML.NET stamps entries with the current time; rewrite them in order with a fixed time.</summary>
    private static byte[] Repack(byte[] zip)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var repacked = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = repacked.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTimestamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    private sealed record EncodingFile(string Task, int ClassCount, int Models, IReadOnlyList<EncodedColumn> Columns);
}
