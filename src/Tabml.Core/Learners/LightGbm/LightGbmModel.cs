using System.Text;
using System.Text.Json;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Learners.LightGbm.Native;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// A fitted LightGBM model: its feature layout and LightGBM's own model text (only the kept iterations).
/// Predictions always come from a booster loaded from that text, so a saved and reloaded model predicts
/// exactly what the freshly trained one did.
/// </summary>
public sealed class LightGbmModel : IModel
{
    public const string FormatName = "lightgbm";

    private readonly LightGbmBooster _booster;

    private LightGbmModel(string learnerName, TaskKind task, int classCount, LightGbmFeatureLayout layout, string modelText, LightGbmBooster booster, IReadOnlyDictionary<string, double> facts)
    {
        LearnerName = learnerName;
        Task = task;
        ClassCount = classCount;
        Layout = layout;
        ModelText = modelText;
        _booster = booster;
        Facts = facts;
    }

    public string LearnerName { get; }

    public string Format => FormatName;

    public TaskKind Task { get; }

    public int ClassCount { get; }

    public LightGbmFeatureLayout Layout { get; }

    public string ModelText { get; }

    public IReadOnlyDictionary<string, double> Facts { get; }

    internal static LightGbmModel Create(string learnerName, TaskKind task, int classCount, LightGbmFeatureLayout layout, string modelText, IReadOnlyDictionary<string, double> facts) =>
        new(learnerName, task, classCount, layout, modelText, LightGbmBooster.FromModelText(modelText, out _), facts);

    public Predictions Predict(Dataset data, int threads)
    {
        var raw = _booster.Predict(Layout.ToMatrix(data), data.RowCount, Layout.Width, Math.Max(1, threads));
        if (Task != TaskKind.Binary)
        {
            return new Predictions(data.RowCount, Task == TaskKind.Regression ? 1 : ClassCount, raw);
        }

        var values = new double[data.RowCount * 2];
        for (var r = 0; r < data.RowCount; r++)
        {
            values[2 * r] = 1.0 - raw[r];
            values[(2 * r) + 1] = raw[r];
        }

        return new Predictions(data.RowCount, 2, values);
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
