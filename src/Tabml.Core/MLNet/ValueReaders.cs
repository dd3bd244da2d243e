using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Data;
using Tabml.Errors;

namespace Tabml.MLNet;

/// <summary>
/// Reads the values of one IDataView column from a row into table-column buffers, by the column's type:
/// numbers stay numbers (NaN missing); booleans, text, dates and keys become texts (empty text and key 0
/// are missing; a key is its KeyValues text when the column has them). Known-size vectors give one buffer per slot.
/// </summary>
internal static class ValueReaders
{
    /// <summary>Whether the column holds numbers (its table columns are numeric).</summary>
    public static bool IsNumeric(DataViewType type) => ItemType(type) is NumberDataViewType;

    /// <summary>The vector size of a known-size vector column, null for a scalar; other vectors are refused.</summary>
    public static int? Slots(DataViewSchema.Column column)
    {
        if (column.Type is not VectorDataViewType vector)
        {
            return null;
        }

        return vector.IsKnownSize ? vector.Size : throw Unsupported(column, "a vector of unknown size");
    }

    public static Action Create(DataViewRow row, DataViewSchema.Column column, ColumnBuffers sink)
    {
        var item = ItemType(column.Type);
        var vector = column.Type is VectorDataViewType;
        return item.RawType switch
        {
            _ when item is KeyDataViewType => Key(row, column, vector, sink),
            var t when t == typeof(float) => Number<float>(row, column, vector, sink, v => v),
            var t when t == typeof(double) => Number<double>(row, column, vector, sink, v => v),
            var t when t == typeof(int) => Number<int>(row, column, vector, sink, v => v),
            var t when t == typeof(long) => Number<long>(row, column, vector, sink, v => v),
            var t when t == typeof(short) => Number<short>(row, column, vector, sink, v => v),
            var t when t == typeof(sbyte) => Number<sbyte>(row, column, vector, sink, v => v),
            var t when t == typeof(byte) => Number<byte>(row, column, vector, sink, v => v),
            var t when t == typeof(ushort) => Number<ushort>(row, column, vector, sink, v => v),
            var t when t == typeof(uint) => Number<uint>(row, column, vector, sink, v => v),
            var t when t == typeof(ulong) => Number<ulong>(row, column, vector, sink, v => v),
            var t when t == typeof(bool) => Text<bool>(row, column, vector, sink, v => v ? "True" : "False"),
            var t when t == typeof(ReadOnlyMemory<char>) => Text<ReadOnlyMemory<char>>(row, column, vector, sink, v => v.IsEmpty ? null : v.ToString()),
            var t when t == typeof(DateTime) => Text<DateTime>(row, column, vector, sink, v => ValueText.Of(v)),
            var t when t == typeof(DateTimeOffset) => Text<DateTimeOffset>(row, column, vector, sink, v => ValueText.Of(v)),
            _ => throw Unsupported(column, $"of type {column.Type}"),
        };
    }

    /// <summary>The texts of a key column's KeyValues annotation, or null when it has none.</summary>
    public static string[]? KeyValues(DataViewSchema.Column column)
    {
        if (!column.HasKeyValues())
        {
            return null;
        }

        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    public static TabmlException Unsupported(DataViewSchema.Column column, string what) =>
        TabmlException.BadData($"IDataView column '{column.Name}' is {what}, which tabml cannot read; supported: numbers, Boolean, text, DateTime, DateTimeOffset, keys, and known-size vectors of them");

    private static DataViewType ItemType(DataViewType type) => type is VectorDataViewType vector ? vector.ItemType : type;

    private static Action Number<T>(DataViewRow row, DataViewSchema.Column column, bool vector, ColumnBuffers sink, Func<T, double> convert) =>
        Values<T>(row, column, vector, (slot, v) => sink.Numbers[slot].Add(convert(v)));

    private static Action Text<T>(DataViewRow row, DataViewSchema.Column column, bool vector, ColumnBuffers sink, Func<T, string?> convert) =>
        Values<T>(row, column, vector, (slot, v) => sink.Texts[slot].Add(convert(v)));

    private static Action Key(DataViewRow row, DataViewSchema.Column column, bool vector, ColumnBuffers sink)
    {
        var names = vector ? null : KeyValues(column);
        string? Name(ulong key) => key == 0 ? null : names is not null && key <= (ulong)names.Length ? names[key - 1] : key.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ItemType(column.Type).RawType switch
        {
            var t when t == typeof(uint) => Text<uint>(row, column, vector, sink, k => Name(k)),
            var t when t == typeof(ulong) => Text<ulong>(row, column, vector, sink, Name),
            var t when t == typeof(ushort) => Text<ushort>(row, column, vector, sink, k => Name(k)),
            var t when t == typeof(byte) => Text<byte>(row, column, vector, sink, k => Name(k)),
            _ => throw Unsupported(column, $"of type {column.Type}"),
        };
    }

    private static Action Values<T>(DataViewRow row, DataViewSchema.Column column, bool vector, Action<int, T> add)
    {
        if (!vector)
        {
            var getter = row.GetGetter<T>(column);
            T value = default!;
            return () =>
            {
                getter(ref value);
                add(0, value);
            };
        }

        var vectorGetter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> values = default;
        return () =>
        {
            vectorGetter(ref values);
            var slot = 0;
            foreach (var v in values.DenseValues())
            {
                add(slot++, v);
            }
        };
    }
}

/// <summary>The buffered values of one IDataView column: one list per slot, numbers or texts.</summary>
internal sealed class ColumnBuffers
{
    public ColumnBuffers(MLNetColumn column, bool numeric)
    {
        Column = column;
        var slots = column.Slots ?? 1;
        Numbers = numeric ? Enumerable.Range(0, slots).Select(_ => new List<double>()).ToArray() : [];
        Texts = numeric ? [] : Enumerable.Range(0, slots).Select(_ => new List<string?>()).ToArray();
    }

    public MLNetColumn Column { get; }

    public List<double>[] Numbers { get; }

    public List<string?>[] Texts { get; }

    public IEnumerable<TableColumn> ToTableColumns() => Column.TableNames.Select((name, slot) =>
        Numbers.Length > 0 ? TableColumn.Numeric(name, Numbers[slot]) : TableColumn.Text(name, Texts[slot]));

    public void Clear()
    {
        foreach (var list in Numbers)
        {
            list.Clear();
        }

        foreach (var list in Texts)
        {
            list.Clear();
        }
    }
}
