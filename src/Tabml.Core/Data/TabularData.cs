using System.Reflection;
using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Data;

/// <summary>
/// Rows to train on, evaluate or predict: a CSV file, in-memory columns, records or dictionaries. Nothing
/// is read until a model uses it, because what is read depends on the use (the target in double
/// precision for training, only the model's columns for prediction). In-memory data follows the CSV rules.
/// </summary>
public abstract class TabularData
{
    private protected TabularData(string origin)
    {
        Origin = origin;
    }

    /// <summary>Names the data in messages: the file path, or "in-memory table".</summary>
    public string Origin { get; }

    /// <summary>A CSV file (header row required; delimiter detected; <c>.csv.gz</c> read directly).</summary>
    public static TabularData FromCsv(string path) => new CsvFileData(path);

    /// <summary>Columns of equal length.</summary>
    public static TabularData FromColumns(params IEnumerable<TableColumn> columns) => new InMemoryData(columns.ToArray());

    /// <summary>
    /// One row per record: a column per public property or field, named by ML.NET's <c>[ColumnName]</c>
    /// attribute when present, else by the member name. Number members are numeric columns; dates become
    /// ISO-8601 texts; other members become texts (categorical unless they hold numbers or dates).
    /// </summary>
    public static TabularData FromRecords<T>(IEnumerable<T> records)
    {
        var rows = records.ToArray();
        var members = typeof(T).GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0 || m is FieldInfo)
            .ToArray();
        if (members.Length == 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no public properties or fields to read columns from", nameof(records));
        }

        return FromColumns(members.Select(m => RecordColumn(m, rows)));
    }

    /// <summary>One row per dictionary (column name → value); a name absent from a row is a missing value there.</summary>
    public static TabularData FromRows(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var all = rows.ToArray();
        var names = all.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).ToArray();
        return FromColumns(names.Select(n => TableColumn.Values(n, all.Select(r => r.GetValueOrDefault(n)))));
    }

    /// <summary>The column names, in order.</summary>
    internal abstract IReadOnlyList<string> ReadColumnNames();

    /// <summary>Reads the columns as <paramref name="options"/> asks (kinds, which columns, missing tokens).</summary>
    internal abstract CsvTable Read(CsvReadOptions options, IReporter reporter);

    private static TableColumn RecordColumn<T>(MemberInfo member, T[] rows)
    {
        var type = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
        // ML.NET keeps the attribute's name internal; its constructor argument is the public record of it.
        var name = member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(Microsoft.ML.Data.ColumnNameAttribute))?.ConstructorArguments[0].Value as string ?? member.Name;
        object? Get(T row) => member is PropertyInfo property ? property.GetValue(row) : ((FieldInfo)member).GetValue(row);
        return ValueText.IsNumberType(type)
            ? TableColumn.Numeric(name, rows.Select(r => Get(r) is { } v ? ValueText.ToDouble(v) : (double?)null))
            : TableColumn.Text(name, rows.Select(r => ValueText.Of(Get(r))));
    }

    private sealed class CsvFileData(string path) : TabularData(path)
    {
        internal override IReadOnlyList<string> ReadColumnNames() => CsvTableReader.ReadHeaders(Origin);

        internal override CsvTable Read(CsvReadOptions options, IReporter reporter) => CsvTableReader.Read(Origin, options, reporter);
    }

    private sealed class InMemoryData : TabularData
    {
        private readonly TableColumn[] _columns;

        public InMemoryData(TableColumn[] columns)
            : base("in-memory table")
        {
            if (columns.Length == 0)
            {
                throw TabmlException.BadData("in-memory table: no columns");
            }

            var duplicates = columns.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
            if (duplicates.Count > 0)
            {
                throw TabmlException.BadData($"in-memory table: duplicate column names {string.Join(", ", duplicates)}");
            }

            var uneven = columns.FirstOrDefault(c => c.Length != columns[0].Length);
            if (uneven is not null)
            {
                throw TabmlException.BadData($"in-memory table: column '{uneven.Name}' has {uneven.Length} values, but '{columns[0].Name}' has {columns[0].Length}");
            }

            _columns = columns;
        }

        internal override IReadOnlyList<string> ReadColumnNames() => _columns.Select(c => c.Name).ToArray();

        internal override CsvTable Read(CsvReadOptions options, IReporter reporter) => InMemoryTableReader.Read(Origin, _columns, options);
    }
}
