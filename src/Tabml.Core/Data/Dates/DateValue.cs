namespace Tabml.Data.Dates;

/// <summary>
/// A date or date-time as written in a file: the calendar fields of its clock time, its UTC offset when it
/// names one, and whether it has a time of day at all.
/// </summary>
/// <param name="Local">The date and clock time as written (the offset not applied).</param>
/// <param name="Offset">The written UTC offset (<c>Z</c> is zero), or null when the value names none.</param>
/// <param name="HasTime">Whether the value has a time of day (a plain date has none).</param>
public readonly record struct DateValue(DateTime Local, TimeSpan? Offset, bool HasTime)
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// The instant as days since 1970-01-01 00:00 UTC (fractional); a value without an offset is taken as UTC,
    /// so that plain local timestamps keep their written spacing.
    /// </summary>
    public double DaysSinceEpoch => ((Offset is { } offset ? Local - offset : Local) - Epoch).TotalDays;
}
