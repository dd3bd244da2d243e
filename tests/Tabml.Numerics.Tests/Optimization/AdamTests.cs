using Tabml.Numerics.Optimization;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.Optimization;

/// <summary>Adam with PyTorch's semantics, checked against steps computed by hand.</summary>
public sealed class AdamTests
{
    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Two_steps_match_the_hand_computed_values(SimdLevel level)
    {
        // One element per lane position plus a tail: every code path sees the same numbers.
        const int n = 37;
        var p = Enumerable.Repeat(1.0f, n).ToArray();
        var m = new float[n];
        var v = new float[n];

        Adam.Step(level, p, Enumerable.Repeat(0.5f, n).ToArray(), m, v, 0.1f, 0.9f, 0.95f, 1e-8f, step: 1);
        // m = 0.05, v = 0.0125; m̂ = 0.5, √v̂ = 0.5 → p = 1 − 0.1·0.5/(0.5 + 1e-8) ≈ 0.9.
        Assert.All(p, x => Assert.Equal(0.9, x, 5));

        Adam.Step(level, p, Enumerable.Repeat(-1.0f, n).ToArray(), m, v, 0.1f, 0.9f, 0.95f, 1e-8f, step: 2);
        // m = 0.9·0.05 − 0.1 = −0.055; v = 0.95·0.0125 + 0.05 = 0.061875.
        // m̂ = −0.055/0.19; v̂ = 0.061875/0.0975 → p = 0.9 + 0.1·(0.055/0.19)/√(0.061875/0.0975).
        var expected = 0.9 + (0.1 * (0.055 / 0.19) / Math.Sqrt(0.061875 / 0.0975));
        Assert.All(p, x => Assert.Equal(expected, x, 5));
        Assert.All(m, x => Assert.Equal(-0.055, x, 6));
        Assert.All(v, x => Assert.Equal(0.061875, x, 6));
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void A_zero_learning_rate_still_advances_the_moments_and_decay_applies_first(SimdLevel level)
    {
        var p = new float[] { 2f, -4f, 8f };
        var m = new float[3];
        var v = new float[3];

        Adam.Step(level, p, [1f, 1f, 1f], m, v, 0f, 0.9f, 0.95f, 1e-8f, step: 1, decay: 0.5f);

        Assert.Equal([1f, -2f, 4f], p);
        Assert.All(m, x => Assert.Equal(0.1f, x, 6));
        Assert.All(v, x => Assert.Equal(0.05f, x, 6));
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void A_block_update_equals_updating_each_row_slice(SimdLevel level)
    {
        var rng = new Tabml.Numerics.Random.DeterministicRandom(4);
        float[] Draw() => Enumerable.Range(0, 7 * 45).Select(_ => (float)rng.NextGaussian()).ToArray();
        var (p, g, m, v) = (Draw(), Draw(), Draw().Select(Math.Abs).ToArray(), Draw().Select(Math.Abs).ToArray());
        var (p2, m2, v2) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone());
        var update = new AdamUpdate(0.05f, 0.9f, 0.95f, 1e-8f, step: 3, decay: 0.99f);

        update.ApplyRows(level, p, g, m, v, offset: 13, rows: 7, width: 19, stride: 45);
        for (var r = 0; r < 7; r++)
        {
            var at = 13 + (r * 45);
            update.Apply(level, p2.AsSpan(at, 19), g.AsSpan(at, 19), m2.AsSpan(at, 19), v2.AsSpan(at, 19));
        }

        Assert.Equal(p2, p);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
        Assert.Throws<ArgumentException>(() => update.ApplyRows(level, p, g, m, v, offset: 30, rows: 7, width: 19, stride: 45));
    }
}
