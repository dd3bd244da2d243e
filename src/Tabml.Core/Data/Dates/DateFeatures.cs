using Tabml.Data.Csv;
using Tabml.Reporting;

namespace Tabml.Data.Dates;

/// <summary>
/// Derives the numeric features of a date column from its text values. Each distinct text is parsed once;
/// a value that is not a date gives missing values in every derived feature, and is counted.
/// </summary>
internal static class DateFeatures
{
    /// <summary>The parsed value of each distinct text of the column (null: not a date).</summary>
    public static DateValue?[] ParseDistinct(TextValues text, string? format)
    {
        var parsed = new DateValue?[text.Distinct.Count];
        for (var d = 0; d < parsed.Length; d++)
        {
            parsed[d] = DateParser.TryParse(text.Distinct[d], format, out var value) ? value : null;
        }

        return parsed;
    }

    /// <summary>The derived columns over <paramref name="rows"/> (null = all rows), warning about values that are not dates.</summary>
    public static IReadOnlyList<NumericColumn> Derive(TextValues text, DateColumnSchema schema, int[]? rows, string origin, IReporter reporter)
    {
        var parsed = ParseDistinct(text, schema.Format);
        var parts = schema.Parts;
        var count = rows?.Length ?? text.Length;
        var values = parts.Select(_ => new float[count]).ToArray();
        var unparseable = 0;
        string? example = null;
        for (var i = 0; i < count; i++)
        {
            var code = text.Codes[rows is null ? i : rows[i]];
            var date = code == TextValues.Missing ? null : parsed[code];
            if (date is { } d)
            {
                for (var p = 0; p < parts.Count; p++)
                {
                    values[p][i] = DateColumnSchema.Value(parts[p], d);
                }

                continue;
            }

            if (code != TextValues.Missing)
            {
                unparseable++;
                example ??= text.Distinct[code];
            }

            foreach (var column in values)
            {
                column[i] = float.NaN;
            }
        }

        if (unparseable > 0)
        {
            reporter.Warning($"{origin}: column '{schema.Name}': {unparseable} of {count} values are not dates in the {schema.FormatDescription} layout (e.g. '{example}'); treated as missing");
        }

        return parts.Select((part, p) => new NumericColumn(schema.FeatureName(part), values[p])).ToArray();
    }

    /// <summary>The derived columns of every date column of a table read for prediction, by feature name.</summary>
    public static Dictionary<string, NumericColumn> DeriveAll(CsvTable table, IReadOnlyList<DateColumnSchema> dates, IReporter reporter)
    {
        var derived = new Dictionary<string, NumericColumn>(StringComparer.Ordinal);
        foreach (var date in dates)
        {
            var text = (TextValues)table.Column(date.Name)!;
            foreach (var column in Derive(text, date, null, table.Path, reporter))
            {
                derived.Add(column.Name, column);
            }
        }

        return derived;
    }
}
