using Tabml.Data.Dates;

namespace Tabml.Core.Tests.Data.Dates;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("2023-07-14", 2023, 7, 14, 0, 0, 0, 0L, false)]
    [InlineData("2023-07-14T08:30", 2023, 7, 14, 8, 30, 0, 0L, true)]
    [InlineData("2023-07-14 08:30:15", 2023, 7, 14, 8, 30, 15, 0L, true)]
    [InlineData("2023-07-14T08:30:15.123", 2023, 7, 14, 8, 30, 15, 1_230_000L, true)]
    [InlineData("2023-07-14T08:30:15.123456789", 2023, 7, 14, 8, 30, 15, 1_234_567L, true)]
    [InlineData("  2024-02-29T23:59:59Z ", 2024, 2, 29, 23, 59, 59, 0L, true)]
    public void Iso_dates_and_date_times_give_their_written_fields(string text, int year, int month, int day, int hour, int minute, int second, long ticks, bool hasTime)
    {
        Assert.True(DateParser.TryParseIso(text, out var value));

        Assert.Equal(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks), value.Local);
        Assert.Equal(hasTime, value.HasTime);
    }

    [Theory]
    [InlineData("2023-07-14T08:30:00Z", 0)]
    [InlineData("2023-07-14T08:30:00+02:00", 120)]
    [InlineData("2023-07-14T08:30:00-0530", -330)]
    [InlineData("2023-07-14T08:30+01", 60)]
    public void Offsets_are_read_in_every_iso_form(string text, int minutes)
    {
        Assert.True(DateParser.TryParseIso(text, out var value));

        Assert.Equal(TimeSpan.FromMinutes(minutes), value.Offset);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2023-13-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-7-14")]
    [InlineData("14.07.2023")]
    [InlineData("20230714")]
    [InlineData("2023-07-14T")]
    [InlineData("2023-07-14T08")]
    [InlineData("2023-07-14T24:00")]
    [InlineData("2023-07-14T08:60")]
    [InlineData("2023-07-14T08:30:00.")]
    [InlineData("2023-07-14Z")]
    [InlineData("2023-07-14T08:30:00+15:00")]
    [InlineData("2023-07-14T08:30:00 UTC")]
    [InlineData("2023-07-14x")]
    [InlineData("")]
    public void Anything_else_is_not_an_iso_date(string text)
    {
        Assert.False(DateParser.TryParseIso(text, out _));
    }

    [Fact]
    public void The_absolute_time_applies_the_offset_and_counts_days_from_1970()
    {
        Assert.True(DateParser.TryParseIso("2023-07-14T02:00:00+02:00", out var shifted));
        Assert.True(DateParser.TryParseIso("2023-07-14", out var midnight));
        Assert.True(DateParser.TryParseIso("1970-01-02T12:00:00Z", out var dayAndAHalf));

        Assert.Equal(midnight.DaysSinceEpoch, shifted.DaysSinceEpoch);
        Assert.Equal(1.5, dayAndAHalf.DaysSinceEpoch);
        Assert.Equal(2, shifted.Local.Hour);
    }

    [Theory]
    [InlineData("dd.MM.yyyy", "14.07.2023", false)]
    [InlineData("yyyyMMdd HH:mm", "20230714 08:30", true)]
    [InlineData("'day' d 'of' M yyyy", "day 14 of 7 2023", false)]
    public void A_custom_format_parses_its_layout_and_says_whether_it_has_times(string format, string text, bool hasTime)
    {
        Assert.True(DateParser.TryParse(text, format, out var value));

        Assert.Equal(new DateTime(2023, 7, 14), value.Local.Date);
        Assert.Equal(hasTime, value.HasTime);
        Assert.False(DateParser.TryParse("2023-07-14", format, out _));
    }

    [Fact]
    public void Derived_parts_follow_the_iso_calendar()
    {
        Assert.True(DateParser.TryParseIso("2023-07-14T08:30", out var friday));
        Assert.True(DateParser.TryParseIso("2023-07-16", out var sunday));

        Assert.Equal(5f, DateColumnSchema.Value(DatePart.Weekday, friday));
        Assert.Equal(7f, DateColumnSchema.Value(DatePart.Weekday, sunday));
        Assert.Equal(195f, DateColumnSchema.Value(DatePart.Yearday, friday));
        Assert.Equal(8f, DateColumnSchema.Value(DatePart.Hour, friday));
        Assert.Equal(30f, DateColumnSchema.Value(DatePart.Minute, friday));
        Assert.Equal(["d.year", "d.month", "d.day", "d.weekday", "d.yearday", "d.days"], new DateColumnSchema("d", null, false).FeatureNames);
    }
}
