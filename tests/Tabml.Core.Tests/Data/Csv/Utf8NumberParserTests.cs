using System.Globalization;
using System.Text;
using Tabml.Data.Csv;
using Tabml.Numerics.Random;

namespace Tabml.Core.Tests.Data.Csv;

public sealed class Utf8NumberParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1")]
    [InlineData("+7")]
    [InlineData("3.25")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-122.23")]
    [InlineData("1e10")]
    [InlineData("1E-5")]
    [InlineData("2.5e+3")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456789")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("1e-30")]
    [InlineData("9.999999999999999e22")]
    [InlineData("1e400")]
    [InlineData(" 42 ")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    public void Parses_exactly_like_the_framework(string text)
    {
        var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);

        var ok = Utf8NumberParser.TryParse(Encoding.UTF8.GetBytes(text), out var actual);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData("12a")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    public void Rejects_what_is_not_a_number(string text)
    {
        Assert.False(Utf8NumberParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Random_decimals_in_many_formats_round_trip_bit_for_bit()
    {
        var rng = new DeterministicRandom(7);
        string[] formats = ["R", "F0", "F3", "G6", "E4", "G17"];
        for (var i = 0; i < 20000; i++)
        {
            var value = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.NextInt(30) - 15);
            var text = value.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.True(Utf8NumberParser.TryParse(Encoding.UTF8.GetBytes(text), out var actual), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }
}
