using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.Random;

/// <summary>Dropout masks stored as bits: the same bits on every instruction set, and the same draws as float masks.</summary>
public sealed class DropoutBitsTests
{
    [Fact]
    public void Every_instruction_set_draws_the_same_bits_and_bit_i_is_set_where_the_float_mask_keeps_unit_i()
    {
        var expected = new uint[101];
        new LaneRandom(7).FillBits(SimdLevel.Scalar, expected, 0.85);
        var floats = new float[101 * 32];
        new LaneRandom(7).FillMask(SimdLevel.Scalar, floats, 0.85, 2f);

        foreach (var level in SimdSupport.Available)
        {
            var bits = new uint[101];
            new LaneRandom(7).FillBits(level, bits, 0.85);
            Assert.Equal(expected, bits);
        }

        for (var i = 0; i < floats.Length; i++)
        {
            Assert.Equal(floats[i] != 0f, ((expected[i / 32] >> (i % 32)) & 1u) != 0);
        }
    }

    [Theory]
    [InlineData(0.85)]
    [InlineData(0.3)]
    public void The_kept_fraction_matches_the_probability(double keep)
    {
        var bits = new uint[20_000];
        new LaneRandom(3).FillBits(SimdSupport.Active, bits, keep);

        var kept = bits.Sum(w => (long)System.Numerics.BitOperations.PopCount(w));
        Assert.Equal(keep, kept / (bits.Length * 32.0), 2);
    }
}
