using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.Random;

public sealed class LaneRandomTests
{
    [Fact]
    public void Every_instruction_set_draws_the_same_mask_for_a_seed()
    {
        var expected = Mask(SimdLevel.Scalar, 1000);

        foreach (var level in SimdSupport.Available)
        {
            Assert.Equal(expected, Mask(level, 1000));
        }
    }

    [Theory]
    [InlineData(0.85)]
    [InlineData(0.5)]
    public void The_kept_fraction_matches_the_probability_and_kept_entries_carry_the_scale(double keep)
    {
        var mask = new float[160_003];
        new LaneRandom(4).FillMask(SimdSupport.Active, mask, keep, 2f);

        Assert.All(mask, m => Assert.True(m == 0f || m == 2f));
        Assert.Equal(keep, mask.Count(m => m != 0f) / (double)mask.Length, 2);
    }

    [Fact]
    public void Consecutive_masks_differ()
    {
        var rng = new LaneRandom(5);
        var first = new float[64];
        var second = new float[64];

        rng.FillMask(SimdSupport.Active, first, 0.5, 1f);
        rng.FillMask(SimdSupport.Active, second, 0.5, 1f);

        Assert.NotEqual(first, second);
    }

    private static float[] Mask(SimdLevel level, int length)
    {
        var rng = new LaneRandom(7);
        var mask = new float[length];
        rng.FillMask(level, mask, 0.85, 1f / 0.85f);
        var more = new float[37];
        rng.FillMask(level, more, 0.85, 1f / 0.85f);
        return mask.Concat(more).ToArray();
    }
}
