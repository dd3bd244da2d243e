using Microsoft.ML;
using Tabml.Data;
using Tabml.Errors;

namespace Tabml.MLNet;

/// <summary>Collects rows of an IDataView (a cursor, or the one row a PredictionEngine fills) into an in-memory table.</summary>
internal sealed class RowReader
{
    private readonly ColumnBuffers[] _buffers;
    private readonly Action[] _readers;

    public RowReader(DataViewRow row, IReadOnlyList<MLNetColumn> columns)
    {
        _buffers = new ColumnBuffers[columns.Count];
        _readers = new Action[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = Find(row.Schema, columns[i].Name);
            if (ValueReaders.Slots(column) != columns[i].Slots)
            {
                throw TabmlException.BadData($"IDataView column '{column.Name}' has {ValueReaders.Slots(column)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} slots, but the model was trained with {columns[i].Slots?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a scalar"}");
            }

            _buffers[i] = new ColumnBuffers(columns[i], ValueReaders.IsNumeric(column.Type));
            _readers[i] = ValueReaders.Create(row, column, _buffers[i]);
        }
    }

    public int Count { get; private set; }

    /// <summary>Appends the row's current values.</summary>
    public void Read()
    {
        foreach (var read in _readers)
        {
            read();
        }

        Count++;
    }

    public TabularData ToTable() => TabularData.FromColumns(_buffers.SelectMany(b => b.ToTableColumns()));

    public void Clear()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Clear();
        }

        Count = 0;
    }

    public static DataViewSchema.Column Find(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name) ?? throw TabmlException.BadData($"the IDataView has no column '{name}'; columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}");
}
