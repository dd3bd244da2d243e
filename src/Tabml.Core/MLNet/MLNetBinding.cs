using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Data;

namespace Tabml.MLNet;

/// <summary>
/// How a tabml model meets an IDataView: the label column and its type (for the output types), and the
/// input columns with their vector sizes (a known-size vector column is the table columns NAME[0],
/// NAME[1], ...). Kept in the bundle's settings under "mlnet", so a saved model binds the same way; a
/// bundle written by <c>tabml train</c> binds its input columns by name, scalar.
/// </summary>
internal sealed record MLNetBinding(string Label, LabelKind LabelKind, bool NumericLabelIsDouble, IReadOnlyList<string>? LabelKeys, ulong LabelKeyCount, IReadOnlyList<MLNetColumn> Columns)
{
    private const string SettingsKey = "mlnet";

    /// <summary>Whether the outputs are ML.NET's binary ones, a class-probability vector, or a regression score.</summary>
    public OutputKind Outputs(TaskKind task) => LabelKind switch
    {
        LabelKind.Boolean => OutputKind.Binary,
        LabelKind.Number when task == TaskKind.Regression => OutputKind.Regression,
        _ => OutputKind.Classes,
    };

    /// <summary>The table column names the IDataView columns become, in order.</summary>
    public IEnumerable<string> TableColumns => Columns.SelectMany(c => c.TableNames);

    public void SaveTo(ModelBundle bundle) =>
        bundle.Settings[SettingsKey] = JsonSerializer.SerializeToNode(this, BundleJson.Options);

    public static MLNetBinding Of(ModelBundle bundle)
    {
        if (bundle.Settings[SettingsKey] is JsonObject stored)
        {
            return stored.Deserialize<MLNetBinding>(BundleJson.Options) ?? throw new InvalidOperationException("empty mlnet settings");
        }

        var target = bundle.Schema.Target;
        return new MLNetBinding(
            target.Name,
            target.Task == TaskKind.Regression ? LabelKind.Number : LabelKind.Text,
            false,
            null,
            0,
            bundle.Schema.InputColumns().Select(c => new MLNetColumn(c, null)).ToArray());
    }
}

/// <summary>An input column of the IDataView: scalar (<see cref="Slots"/> null) or a known-size vector.</summary>
internal sealed record MLNetColumn(string Name, int? Slots)
{
    public IEnumerable<string> TableNames => Slots is { } n ? Enumerable.Range(0, n).Select(i => $"{Name}[{i}]") : [Name];
}

/// <summary>The shape of the prediction columns.</summary>
internal enum OutputKind
{
    Binary,
    Classes,
    Regression,
}
