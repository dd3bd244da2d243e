using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Data;
using Tabml.Errors;

namespace Tabml.MLNet;

/// <summary>
/// tabml as an ML.NET estimator: <see cref="Fit"/> reads the IDataView (after any ML.NET transforms), trains
/// a tabml model with the label column as target, and returns a <see cref="TabmlTransformer"/>.
/// </summary>
public sealed class TabmlEstimator : IEstimator<TabmlTransformer>
{
    private readonly TabmlEstimatorOptions _options;

    /// <summary>An estimator that trains as <paramref name="options"/> say.</summary>
    public TabmlEstimator(TabmlEstimatorOptions options)
    {
        _options = options;
    }

    /// <summary>Trains on every row of <paramref name="input"/>; rows whose label is missing are dropped with a warning.</summary>
    public TabmlTransformer Fit(IDataView input)
    {
        var label = RowReader.Find(input.Schema, _options.LabelColumnName);
        var (kind, keys, keyCount) = LabelOf(label);
        var features = (_options.FeatureColumnNames ?? input.Schema.Where(c => !c.IsHidden && c.Name != label.Name).Select(c => c.Name).ToArray())
            .Select(name => new MLNetColumn(name, ValueReaders.Slots(RowReader.Find(input.Schema, name))))
            .ToArray();
        var binding = new MLNetBinding(label.Name, kind, label.Type.RawType == typeof(double), keys, keyCount, features);
        var columns = features.Append(new MLNetColumn(label.Name, null)).ToArray();
        using var cursor = input.GetRowCursor(columns.Select(c => RowReader.Find(input.Schema, c.Name)));
        var reader = new RowReader(cursor, columns);
        while (cursor.MoveNext())
        {
            reader.Read();
        }

        var model = TabmlModel.Train(reader.ToTable(), ReadOptions(kind), _options.Train, _options.Monitor);
        binding.SaveTo(model.Bundle);
        return new TabmlTransformer(model, binding);
    }

    /// <summary>
    /// The input shape plus the prediction columns. ML.NET gives no public way to make a column shape, so the
    /// shapes come from ML.NET's own schema propagation over the label: a copy keeps the label's type
    /// (PredictedLabel), a conversion to Single makes a float (Score, Probability), a concatenation a vector.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var label = inputSchema.FirstOrDefault(c => c.Name == _options.LabelColumnName);
        if (label.Name is null)
        {
            throw TabmlException.BadData($"the IDataView has no label column '{_options.LabelColumnName}'");
        }

        var kind = KindOf(label.IsKey, label.ItemType.RawType, _options.LabelColumnName);
        var outputs = kind switch
        {
            LabelKind.Boolean => OutputKind.Binary,
            LabelKind.Number when _options.Read.Task is null or TaskKind.Regression => OutputKind.Regression,
            _ => OutputKind.Classes,
        };
        var context = new MLContext();
        const string item = "__tabml_score_item";
        var shape = context.Transforms.Conversion.ConvertType(item, label.Name, DataKind.Single);
        var chain = outputs switch
        {
            OutputKind.Binary => shape.Append(context.Transforms.CopyColumns("Score", item)).Append(context.Transforms.CopyColumns("Probability", item)).Append(context.Transforms.CopyColumns("PredictedLabel", label.Name)),
            OutputKind.Classes => shape.Append(context.Transforms.Concatenate("Score", item, item)).Append(context.Transforms.CopyColumns("PredictedLabel", label.Name)),
            _ => shape.Append(context.Transforms.CopyColumns("Score", item)),
        };
        return chain.Append(context.Transforms.DropColumns(item)).GetOutputSchema(inputSchema);
    }

    private TrainingReadOptions ReadOptions(LabelKind kind)
    {
        var task = _options.Read.Task;
        if (kind == LabelKind.Boolean && task is TaskKind.Multiclass or TaskKind.Regression)
        {
            throw TabmlException.Usage($"a Boolean label '{_options.LabelColumnName}' is binary, not {task.Value.ToName()}");
        }

        // ML.NET's meaning of a number label is regression; a classification of numbers must be asked for.
        return _options.Read with { Target = _options.LabelColumnName, Task = kind == LabelKind.Number ? task ?? TaskKind.Regression : task };
    }

    private static (LabelKind Kind, IReadOnlyList<string>? Keys, ulong KeyCount) LabelOf(DataViewSchema.Column label)
    {
        if (label.Type is VectorDataViewType)
        {
            throw ValueReaders.Unsupported(label, "a vector, and a label must be a scalar");
        }

        var kind = KindOf(label.Type is KeyDataViewType, label.Type.RawType, label.Name);
        return kind == LabelKind.Key ? (kind, ValueReaders.KeyValues(label), ((KeyDataViewType)label.Type).Count) : (kind, null, 0);
    }

    private static LabelKind KindOf(bool isKey, Type raw, string name) => (isKey, raw) switch
    {
        (true, var t) when t == typeof(uint) => LabelKind.Key,
        (false, var t) when t == typeof(bool) => LabelKind.Boolean,
        (false, var t) when t == typeof(ReadOnlyMemory<char>) => LabelKind.Text,
        (false, var t) when t == typeof(float) || t == typeof(double) => LabelKind.Number,
        _ => throw TabmlException.BadData($"the label column '{name}' is of type {raw.Name}{(isKey ? " (key)" : string.Empty)}; tabml takes Boolean, text, a UInt32 key, Single or Double labels"),
    };
}
