using System.Text.Json.Nodes;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;

namespace Tabml.Bundles;

/// <summary>
/// Everything `tabml predict` needs: the input schema, the members and their weights. Members with weight 0
/// are kept (for --member and reports) but skipped when the bundle predicts.
/// </summary>
public sealed class ModelBundle
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
    }

    public DatasetSchema Schema { get; }

    public TaskKind Task => Schema.Target.Task;

    public JsonObject Settings { get; }

    public BundleValidation Validation { get; }

    public IReadOnlyList<BundleMember> Members { get; }

    public JsonObject? Ensemble { get; }

    public void Save(string path) => BundleWriter.Write(this, path);

    public static ModelBundle Load(string path) => BundleReader.Read(path);

    /// <summary>
    /// The weighted combination of the members (probabilities averaged for classification, values for
    /// regression), or one member's prediction when <paramref name="member"/> names it.
    /// </summary>
    public Predictions Predict(Dataset data, int threads = 1, string? member = null)
    {
        if (member is not null)
        {
            var chosen = Members.FirstOrDefault(m => string.Equals(m.Name, member, StringComparison.OrdinalIgnoreCase))
                ?? throw TabmlException.Usage($"--member: the model has no member '{member}'; members: {string.Join(", ", Members.Select(m => m.Name))}");
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

        return new Predictions(data.RowCount, outputs, sum!);
    }
}
