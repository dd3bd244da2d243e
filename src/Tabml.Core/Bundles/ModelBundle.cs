using System.Text.Json.Nodes;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;

namespace Tabml.Bundles;

/// <summary>
/// Everything `tabml predict` needs: the input schema, the members and their weights. Members with weight 0
/// are kept (for --member and reports) but skipped when the bundle predicts. The bundle owns its members'
/// models: disposing it frees them.
/// </summary>
public sealed class ModelBundle : IDisposable
{
    public ModelBundle(DatasetSchema schema, JsonObject settings, BundleValidation validation, IReadOnlyList<BundleMember> members, JsonObject? ensemble = null)
    {
        if (members.Count == 0 || members.All(m => m.Weight <= 0))
        {
            throw new ArgumentException("a bundle needs at least one member with a positive weight", nameof(members));
        }

        Schema = schema;
        Settings = settings;
        Validation = validation;
        Members = members;
        Ensemble = ensemble;
        BlendCalibrator = EnsembleCalibration.Read(ensemble, schema.Target.ClassLabels.Count, out var problem);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(ensemble));
        }
    }

    public DatasetSchema Schema { get; }

    /// <summary>The tabml version that wrote the bundle (null for one built in memory).</summary>
    public string? TabmlVersion { get; init; }

    public TaskKind Task => Schema.Target.Task;

    public JsonObject Settings { get; }

    public BundleValidation Validation { get; }

    public IReadOnlyList<BundleMember> Members { get; }

    public JsonObject? Ensemble { get; }

    /// <summary>The blended ensemble's own calibrator (<see cref="EnsembleCalibration"/>); null when the blend is not calibrated.</summary>
    public Calibration.TemperatureCalibrator? BlendCalibrator { get; }

    public void Save(string path) => BundleWriter.Write(this, path);

    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Model.Dispose();
        }
    }

    public static ModelBundle Load(string path) => BundleReader.Read(path);

    /// <summary>
    /// The member a --member name means: a member's own name, any name or alias of its learner
    /// (<see cref="ModelNames"/>), <c>best</c> (the member recorded as Best-TD) or <c>ensemble</c> (null: the
    /// weighted combination). Commands call it before reading data, so a wrong name is refused at once.
    /// </summary>
    public BundleMember? Select(string name)
    {
        var exact = Members.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var choices = $"this model's members: {string.Join(", ", Members.Select(m => m.Name))}, best, ensemble";
        if (!ModelNames.TryResolve(name, out var known) || !MemberNames.Accepts(known))
        {
            throw TabmlException.Usage($"--member: unknown name '{name}'; {choices}");
        }

        if (known.Canonical == MemberNames.Ensemble)
        {
            return null;
        }

        var wanted = known.Canonical;
        if (known.Canonical == MemberNames.Best)
        {
            wanted = (Ensemble?["best_member"] as JsonValue)?.TryGetValue<string>(out var best) == true ? best
                : throw TabmlException.Usage("--member best: this model does not record its best member; name a member instead");
        }

        return Members.FirstOrDefault(m => ModelNames.Same(m.Name, wanted))
            ?? throw TabmlException.Usage($"--member: the model has no member '{name}'; {choices}");
    }

    /// <summary>
    /// The weighted combination of the members (probabilities averaged for classification, then through the
    /// blend's calibrator when there is one; values for regression), or one member's prediction when
    /// <paramref name="member"/> names it (see <see cref="Select"/>).
    /// </summary>
    public Predictions Predict(Dataset data, int threads = 1, string? member = null)
    {
        if (member is not null && Select(member) is { } chosen)
        {
            return chosen.Model.Predict(data, threads);
        }

        var active = Members.Where(m => m.Weight > 0).ToList();
        var total = active.Sum(m => m.Weight);
        double[]? sum = null;
        var outputs = 0;
        foreach (var m in active)
        {
            var p = m.Model.Predict(data, threads);
            outputs = p.OutputCount;
            sum ??= new double[p.Values.Length];
            var w = m.Weight / total;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += w * p.Values[i];
            }
        }

        var blend = new Predictions(data.RowCount, outputs, sum!);
        return BlendCalibrator?.Apply(blend) ?? blend;
    }
}
