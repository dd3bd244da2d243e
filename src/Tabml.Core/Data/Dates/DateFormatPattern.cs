namespace Tabml.Data.Dates;

/// <summary>
/// What a .NET custom date format (--date-format) contains: a time of day (H, h, m, s, f specifiers) and a
/// UTC offset (z, K). Quoted literals and escaped characters are skipped; a standard one-letter format is
/// refused, since what it contains depends on the culture.
/// </summary>
internal readonly record struct DateFormatPattern(bool HasTime, bool HasOffset)
{
    public static DateFormatPattern Of(string format)
    {
        var hasTime = false;
        var hasOffset = false;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '\'' or '"')
            {
                var close = format.IndexOf(c, i + 1);
                i = close < 0 ? format.Length : close;
                continue;
            }

            if (c == '\\')
            {
                i++;
                continue;
            }

            hasTime |= c is 'H' or 'h' or 'm' or 's' or 'f' or 'F';
            hasOffset |= c is 'z' or 'K';
        }

        return new DateFormatPattern(hasTime, hasOffset);
    }

    /// <summary>A one-letter format is a standard (culture-defined) format, not a custom pattern.</summary>
    public static bool IsStandard(string format) => format.Length == 1;
}
