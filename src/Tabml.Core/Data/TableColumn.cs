namespace Tabml.Data;

/// <summary>
/// One named column of an in-memory table (<see cref="TabularData.FromColumns"/>): numbers (NaN or null is
/// missing) or texts (null or empty is missing). Texts follow the CSV rules exactly: a text column of
/// numbers is numeric, ISO-8601 texts are dates, the rest is categorical. Dates are stored as ISO-8601 text.
/// </summary>
public sealed class TableColumn
{
    private TableColumn(string name, double[]? numbers, string?[]? texts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Numbers = numbers;
        Texts = texts;
    }

    /// <summary>The column name, matched exactly (ordinal) against the model's input columns.</summary>
    public string Name { get; }

    /// <summary>The number of values.</summary>
    public int Length => Numbers?.Length ?? Texts!.Length;

    /// <summary>Whether the values are numbers (otherwise texts).</summary>
    public bool IsNumeric => Numbers is not null;

    internal double[]? Numbers { get; }

    internal string?[]? Texts { get; }

    /// <summary>A numeric column; NaN is missing.</summary>
    public static TableColumn Numeric(string name, IEnumerable<double> values) => new(name, values.ToArray(), null);

    /// <summary>A numeric column; null (or NaN) is missing.</summary>
    public static TableColumn Numeric(string name, IEnumerable<double?> values) => new(name, values.Select(v => v ?? double.NaN).ToArray(), null);

    /// <summary>A text column (categories, or numbers and dates as text); null or empty is missing.</summary>
    public static TableColumn Text(string name, IEnumerable<string?> values) => new(name, null, values.ToArray());

    /// <summary>A date-time column, written as ISO-8601 (UTC values with <c>Z</c>); null is missing.</summary>
    public static TableColumn Dates(string name, IEnumerable<DateTime?> values) => new(name, null, values.Select(v => v is { } d ? ValueText.Of(d) : null).ToArray());

    /// <summary>A date-time column with UTC offsets, written as ISO-8601; null is missing.</summary>
    public static TableColumn Dates(string name, IEnumerable<DateTimeOffset?> values) => new(name, null, values.Select(v => v is { } d ? ValueText.Of(d) : null).ToArray());

    /// <summary>A date column (no time of day), written as <c>yyyy-MM-dd</c>; null is missing.</summary>
    public static TableColumn Dates(string name, IEnumerable<DateOnly?> values) => new(name, null, values.Select(v => v is { } d ? ValueText.Of(d) : null).ToArray());

    /// <summary>
    /// A column of values of any type: numbers when every non-null value is a .NET number, otherwise texts
    /// (numbers in their shortest round-trip form, dates as ISO-8601, booleans as <c>True</c>/<c>False</c>).
    /// </summary>
    public static TableColumn Values(string name, IEnumerable<object?> values)
    {
        var all = values.ToArray();
        if (all.All(v => v is null || ValueText.IsNumber(v)))
        {
            return new TableColumn(name, all.Select(v => v is null ? double.NaN : ValueText.ToDouble(v)).ToArray(), null);
        }

        return new TableColumn(name, null, all.Select(ValueText.Of).ToArray());
    }
}
