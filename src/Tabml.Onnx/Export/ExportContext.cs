using Tabml.Data;
using Tabml.Errors;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;
using static Tabml.Onnx.Graph.OnnxAttributes;

namespace Tabml.Onnx.Export;

/// <summary>
/// What every model builder shares: the graph, its inputs (one per raw feature column, named as the column:
/// numeric float [N, 1] with NaN = missing, categorical string [N, 1] with "" = missing) and the bundle's
/// category coding, built once per column however many members use it.
/// </summary>
internal sealed class ExportContext
{
    private readonly Dictionary<string, ColumnSchema> _columns;
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _codeColumns = new(StringComparer.Ordinal);

    public ExportContext(DatasetSchema schema)
    {
        Schema = schema;
        _columns = schema.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var column in schema.Features)
        {
            Graph.Input(column.Name, column.Kind == ColumnKind.Numeric ? DataType.Float : DataType.String);
        }
    }

    public OnnxGraph Graph { get; } = new();

    public DatasetSchema Schema { get; }

    public TaskKind Task => Schema.Target.Task;

    /// <summary>Outputs of a member: one probability per class, or one value.</summary>
    public int OutputCount => Task == TaskKind.Regression ? 1 : Schema.Target.ClassLabels.Count;

    /// <summary>A numeric column's input, float [N, 1], NaN = missing.</summary>
    public string Numeric(string column) => Column(column, ColumnKind.Numeric).Name;

    /// <summary>The categories of a categorical column; code c ≥ 1 is category c − 1.</summary>
    public IReadOnlyList<string> Categories(string column) => Column(column, ColumnKind.Categorical).Categories;

    /// <summary>
    /// A categorical column's codes, int64 [N]: 1..K for the schema's sorted categories, 0 for missing ("")
    /// and for categories the model never saw, as <c>tabml predict</c> codes them.
    /// </summary>
    public string Codes(string column)
    {
        if (!_codes.TryGetValue(column, out var codes))
        {
            codes = Graph.Squeeze(CodeColumn(column), 1);
            _codes[column] = codes;
        }

        return codes;
    }

    /// <summary>The same codes as a column, int64 [N, 1].</summary>
    public string CodeColumn(string column)
    {
        if (!_codeColumns.TryGetValue(column, out var codes))
        {
            var categories = Categories(column);
            codes = Graph.Node(
                "LabelEncoder",
                OnnxGraph.MlDomain,
                [column],
                Strings("keys_strings", categories),
                Ints("values_int64s", Enumerable.Range(1, categories.Count).Select(c => (long)c)),
                Int("default_int64", CategoricalColumn.MissingCode));
            _codeColumns[column] = codes;
        }

        return codes;
    }

    private ColumnSchema Column(string name, ColumnKind kind)
    {
        if (!_columns.TryGetValue(name, out var column) || column.Kind != kind)
        {
            var what = kind == ColumnKind.Numeric ? "numeric" : "categorical";
            throw new TabmlException(ExitCodes.BadModelFile, $"a member uses the {what} column '{name}', which the bundle's schema does not list as {what}");
        }

        return column;
    }
}
