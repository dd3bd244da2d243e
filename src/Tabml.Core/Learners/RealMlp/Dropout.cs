using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>Inverted dropout masks: each entry is 1/(1 − p) with probability 1 − p, else 0.</summary>
internal static class Dropout
{
    public static void Draw(SimdLevel level, Span<float> mask, float p, LaneRandom rng) =>
        rng.FillMask(level, mask, 1.0 - p, 1f / (1f - p));
}
