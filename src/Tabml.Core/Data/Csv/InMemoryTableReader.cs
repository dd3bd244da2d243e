using System.Globalization;
using System.Text;
using Tabml.Errors;

namespace Tabml.Data.Csv;

/// <summary>
/// Reads in-memory columns into a <see cref="CsvTable"/> through the same column accumulators as the CSV
/// reader, so the same options (kinds, overrides, expected columns, missing tokens) give the same columns:
/// a text column of numbers is numeric, a column that turns to text keeps the earlier values' text.
/// Errors name the row (from 1) instead of a line.
/// </summary>
internal static class InMemoryTableReader
{
    public static CsvTable Read(string origin, IReadOnlyList<TableColumn> columns, CsvReadOptions options)
    {
        var headers = columns.Select(c => c.Name).ToArray();
        var accumulators = CsvTableReader.PlanColumns(headers, options, origin);
        var rows = columns[0].Length;
        if (rows == 0)
        {
            throw TabmlException.BadData($"{origin}: no rows");
        }

        var missing = options.MissingTokens.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        var buffer = new byte[256];
        for (var c = 0; c < columns.Count; c++)
        {
            if (accumulators[c] is not { } column)
            {
                continue;
            }

            for (var r = 0; r < rows; r++)
            {
                Add(column, columns[c], r, missing, ref buffer);
            }

            for (var r = 0; r < column.TextFromRow; r++)
            {
                var field = Utf8(TextAt(columns[c], r), ref buffer);
                column.Refill(r, field, field.IsEmpty || CsvTableReader.IsMissing(field, missing));
            }
        }

        CsvTableReader.CheckNonFinite(origin, accumulators);
        return new CsvTable(origin, ',', headers, accumulators.Select(a => a?.Finish()).ToArray(), rows, 0);
    }

    private static void Add(ColumnAccumulator column, TableColumn source, int row, byte[][] missing, ref byte[] buffer)
    {
        if (source.Numbers is { } numbers)
        {
            column.AddDouble(numbers[row], row + 1);
            return;
        }

        var field = Utf8(source.Texts![row], ref buffer);
        if (field.IsEmpty || CsvTableReader.IsMissing(field, missing))
        {
            column.AddMissing();
        }
        else
        {
            column.Add(field, row + 1);
        }
    }

    private static string? TextAt(TableColumn source, int row) =>
        source.Numbers is { } numbers
            ? double.IsNaN(numbers[row]) ? null : numbers[row].ToString("R", CultureInfo.InvariantCulture)
            : source.Texts![row];

    private static ReadOnlySpan<byte> Utf8(string? text, ref byte[] buffer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > buffer.Length)
        {
            buffer = new byte[Math.Max(needed, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }
}
