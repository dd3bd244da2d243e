using System.Globalization;

namespace Tabml.Data.Dates;

/// <summary>
/// Parses dates: ISO-8601 by default (<c>yyyy-MM-dd</c>, <c>yyyy-MM-ddTHH:mm[:ss[.fff]]</c>, a space instead
/// of <c>T</c>, an optional <c>Z</c> or <c>±HH:mm</c> offset), or a .NET custom format given with --date-format.
/// The ISO parser is written out rather than tried format by format: it is strict (no culture, no
/// two-digit years, no trailing text) and parses each distinct value of a column once.
/// </summary>
public static class DateParser
{
    /// <summary>Parses <paramref name="text"/> as ISO-8601, or with <paramref name="format"/> when one is given.</summary>
    public static bool TryParse(string text, string? format, out DateValue value) =>
        format is null ? TryParseIso(text, out value) : TryParseExact(text, format, out value);

    /// <summary>Parses one ISO-8601 date or date-time (surrounding blanks allowed).</summary>
    public static bool TryParseIso(ReadOnlySpan<char> text, out DateValue value)
    {
        value = default;
        var s = text.Trim();
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (s.Length == 10)
        {
            value = new DateValue(new DateTime(year, month, day), null, false);
            return true;
        }

        if (s[10] is not ('T' or 't' or ' ') || !TryParseTime(s[11..], out var time, out var rest))
        {
            return false;
        }

        if (!TryParseOffset(rest, out var offset))
        {
            return false;
        }

        value = new DateValue(new DateTime(year, month, day).Add(time), offset, true);
        return true;
    }

    /// <summary>HH:mm, then optional :ss and an optional fraction of 1 to 9 digits; the rest is returned.</summary>
    private static bool TryParseTime(ReadOnlySpan<char> s, out TimeSpan time, out ReadOnlySpan<char> rest)
    {
        time = default;
        rest = default;
        if (s.Length < 5 || s[2] != ':' || !Digits(s, 0, 2, out var hour) || !Digits(s, 3, 2, out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var second = 0;
        long ticks = 0;
        var at = 5;
        if (s.Length >= 8 && s[5] == ':')
        {
            if (!Digits(s, 6, 2, out second) || second > 59)
            {
                return false;
            }

            at = 8;
            if (s.Length > 9 && s[8] is '.' or ',')
            {
                var digits = 0;
                for (at = 9; at < s.Length && char.IsAsciiDigit(s[at]); at++, digits++)
                {
                    // Ticks are 100 ns: the first 7 digits count, further ones are read and dropped.
                    ticks = digits < 7 ? (ticks * 10) + (s[at] - '0') : ticks;
                }

                if (digits is 0 or > 9)
                {
                    return false;
                }

                for (var d = Math.Min(digits, 7); d < 7; d++)
                {
                    ticks *= 10;
                }
            }
        }

        time = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        rest = s[at..];
        return true;
    }

    /// <summary>Nothing, Z, or ±HH, ±HHmm, ±HH:mm (at most 14 hours).</summary>
    private static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan? offset)
    {
        offset = null;
        if (s.IsEmpty)
        {
            return true;
        }

        if (s is "Z" or "z")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        if (s[0] is not ('+' or '-') || !Digits(s, 1, 2, out var hours))
        {
            return false;
        }

        var minutes = 0;
        var valid = s.Length switch
        {
            3 => true,
            5 => Digits(s, 3, 2, out minutes),
            6 => s[3] == ':' && Digits(s, 4, 2, out minutes),
            _ => false,
        };
        if (!valid || hours > 14 || minutes > 59)
        {
            return false;
        }

        var span = new TimeSpan(hours, minutes, 0);
        offset = s[0] == '-' ? -span : span;
        return true;
    }

    private static bool TryParseExact(string text, string format, out DateValue value)
    {
        value = default;
        if (!DateTimeOffset.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        var pattern = DateFormatPattern.Of(format);
        value = new DateValue(parsed.DateTime, pattern.HasOffset ? parsed.Offset : null, pattern.HasTime);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int number)
    {
        number = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            number = (number * 10) + (s[i] - '0');
        }

        return true;
    }
}
