using System.Text;
using System.Text.Json;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Learners.LightGbm.Native;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// A fitted LightGBM model: its feature layout and LightGBM's own model text (only the kept iterations).
/// Predictions always come from that text, so a saved and reloaded model predicts exactly what the freshly
/// trained one did: tabml's evaluation of its trees (<see cref="LightGbmForest"/>, the same numbers as
/// LightGBM's predictor, faster and on managed threads), or LightGBM's booster for a text it does not read.
/// </summary>
public sealed class LightGbmModel : IModel
{
    public const string FormatName = "lightgbm";

    private readonly LightGbmBooster _booster;
    private readonly LightGbmForest? _forest;

    private LightGbmModel(string learnerName, TaskKind task, int classCount, LightGbmFeatureLayout layout, string modelText, LightGbmBooster booster, IReadOnlyDictionary<string, double> facts)
    {
        LearnerName = learnerName;
        Task = task;
        ClassCount = classCount;
        Layout = layout;
        ModelText = modelText;
        _booster = booster;
        _forest = LightGbmForest.Parse(modelText);
        Facts = facts;
    }

    public string LearnerName { get; }

    public string Format => FormatName;

    public TaskKind Task { get; }

    public int ClassCount { get; }

    public LightGbmFeatureLayout Layout { get; }

    public string ModelText { get; }

    public IReadOnlyDictionary<string, double> Facts { get; }

    /// <summary>True when tabml evaluates the trees itself (false: LightGBM's booster predicts).</summary>
    internal bool EvaluatesTrees => _forest is not null;

    internal static LightGbmModel Create(string learnerName, TaskKind task, int classCount, LightGbmFeatureLayout layout, string modelText, IReadOnlyDictionary<string, double> facts) =>
        new(learnerName, task, classCount, layout, modelText, LightGbmBooster.FromModelText(modelText, out _), facts);

    public Predictions Predict(Dataset data, int threads)
    {
        var matrix = Layout.ToMatrix(data);
        var raw = _forest is { } forest
            ? forest.Predict(matrix, data.RowCount, Layout.Width, threads)
            : _booster.Predict(matrix, data.RowCount, Layout.Width, Math.Max(1, threads));
        return LightGbmOutputs.FromRowMajor(raw, data.RowCount, Task, ClassCount);
    }

    /// <summary>Predictions by LightGBM's own predictor (LGBM_BoosterPredictForMat), whatever tabml reads.</summary>
    internal Predictions PredictNative(Dataset data, int threads)
    {
        var raw = _booster.Predict(Layout.ToMatrix(data), data.RowCount, Layout.Width, Math.Max(1, threads));
        return LightGbmOutputs.FromRowMajor(raw, data.RowCount, Task, ClassCount);
    }

    /// <summary>Frees the native booster now rather than at finalization (an HPO run makes one per trial).</summary>
    public void Dispose() => _booster.Dispose();

    public void Save(IArtifactWriter writer)
    {
        var info = new LayoutFile(Layout.Numeric, Layout.Categorical, Task.ToName(), ClassCount, Facts);
        writer.Write("layout.json", JsonSerializer.SerializeToUtf8Bytes(info, BundleJson.Options));
        writer.Write("model.txt", Encoding.UTF8.GetBytes(ModelText));
    }

    public static IModel Load(IArtifactReader reader, ModelLoadContext context)
    {
        LayoutFile? info;
        try
        {
            info = JsonSerializer.Deserialize<LayoutFile>(reader.Read("layout.json"), BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw reader.Corrupt("layout.json", e.Message);
        }

        if (info is null || info.Task != context.Task.ToName() || (context.Task.IsClassification() && info.ClassCount != context.ClassCount))
        {
            throw reader.Corrupt("layout.json", "does not match the bundle's task or classes");
        }

        var text = Encoding.UTF8.GetString(reader.Read("model.txt"));
        if (LightGbmModelText.Problem(text) is { } problem)
        {
            throw reader.Corrupt("model.txt", $"not LightGBM model text as LightGBM writes it: {problem}");
        }

        LightGbmBooster booster;
        try
        {
            booster = LightGbmBooster.FromModelText(text, out _);
        }
        catch (LightGbmException e)
        {
            throw reader.Corrupt("model.txt", e.Message);
        }

        var layout = new LightGbmFeatureLayout(info.Numeric, info.Categorical);
        var expectedClasses = context.Task == TaskKind.Multiclass ? info.ClassCount : 1;
        var (features, classes) = (booster.FeatureCount, booster.ClassCount);
        if (features != layout.Width || classes != expectedClasses)
        {
            booster.Dispose();
            throw reader.Corrupt("model.txt", $"the model has {features} features and {classes} outputs per iteration, the layout {layout.Width} and {expectedClasses}");
        }

        return new LightGbmModel(context.LearnerName, context.Task, info.ClassCount, layout, text, booster, info.Facts);
    }

    private sealed record LayoutFile(IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical, string Task, int ClassCount, IReadOnlyDictionary<string, double> Facts);
}
