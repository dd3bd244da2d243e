namespace Tabml.Data.Dates;

/// <summary>One numeric feature derived from a date column.</summary>
public enum DatePart
{
    /// <summary>The calendar year of the written date.</summary>
    Year,

    /// <summary>The month, 1 to 12.</summary>
    Month,

    /// <summary>The day of the month, 1 to 31.</summary>
    Day,

    /// <summary>The ISO day of the week, 1 (Monday) to 7 (Sunday).</summary>
    Weekday,

    /// <summary>The day of the year, 1 to 366.</summary>
    Yearday,

    /// <summary>The hour of the written clock time, 0 to 23 (date-times only).</summary>
    Hour,

    /// <summary>The minute of the written clock time, 0 to 59 (date-times only).</summary>
    Minute,

    /// <summary>The instant as fractional days since 1970-01-01 00:00 UTC.</summary>
    Days,
}
