using Tabml.Errors;

namespace Tabml.Data.Dates;

/// <summary>
/// A date column of the input and the numeric features derived from it (stored in the model, so prediction
/// derives the same): year, month, day, weekday, day of year, hour and minute when the column has times, and
/// the instant in days since 1970. Each feature is named <c>COLUMN.part</c>.
/// </summary>
/// <param name="Name">The column in the input file or table.</param>
/// <param name="Format">The .NET custom format given with --date-format, or null for ISO-8601.</param>
/// <param name="HasTime">Whether the values carry a time of day (then hour and minute are derived).</param>
public sealed record DateColumnSchema(string Name, string? Format, bool HasTime)
{
    private static readonly DatePart[] DateOnlyParts = [DatePart.Year, DatePart.Month, DatePart.Day, DatePart.Weekday, DatePart.Yearday, DatePart.Days];
    private static readonly DatePart[] DateTimeParts = [DatePart.Year, DatePart.Month, DatePart.Day, DatePart.Weekday, DatePart.Yearday, DatePart.Hour, DatePart.Minute, DatePart.Days];

    /// <summary>The derived parts, in feature order.</summary>
    public IReadOnlyList<DatePart> Parts => HasTime ? DateTimeParts : DateOnlyParts;

    /// <summary>The derived feature names, in feature order (<c>COLUMN.year</c>, ...).</summary>
    public IReadOnlyList<string> FeatureNames => Parts.Select(FeatureName).ToArray();

    /// <summary>How the column's values are read: <c>ISO-8601</c> or the custom format.</summary>
    public string FormatDescription => Format ?? "ISO-8601";

    /// <summary>The name of one derived feature.</summary>
    public string FeatureName(DatePart part) => $"{Name}.{PartName(part)}";

    /// <summary>The name a part has in feature names and bundles.</summary>
    public static string PartName(DatePart part) => part.ToString().ToLowerInvariant();

    /// <summary>The value of one part of a parsed date, as the learners see it.</summary>
    public static float Value(DatePart part, in DateValue date) => part switch
    {
        DatePart.Year => date.Local.Year,
        DatePart.Month => date.Local.Month,
        DatePart.Day => date.Local.Day,
        DatePart.Weekday => date.Local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.Local.DayOfWeek,
        DatePart.Yearday => date.Local.DayOfYear,
        DatePart.Hour => date.Local.Hour,
        DatePart.Minute => date.Local.Minute,
        DatePart.Days => (float)date.DaysSinceEpoch,
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>Checks a --date-format: a custom pattern, not a culture-defined one-letter format.</summary>
    public static void CheckFormat(string? format)
    {
        if (format is not null && (string.IsNullOrWhiteSpace(format) || DateFormatPattern.IsStandard(format)))
        {
            throw TabmlException.Usage($"--date-format '{format}': give a custom pattern such as yyyyMMdd or dd.MM.yyyy HH:mm");
        }
    }
}
