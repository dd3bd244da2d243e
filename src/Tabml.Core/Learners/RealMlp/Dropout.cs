using Tabml.Numerics.Random;

namespace Tabml.Learners.RealMlp;

/// <summary>Inverted dropout masks: each entry is 1/(1 − p) with probability 1 − p, else 0.</summary>
internal static class Dropout
{
    public static void Draw(Span<float> mask, float p, DeterministicRandom rng)
    {
        var keep = 1f / (1f - p);
        // Two 32-bit uniforms per 64-bit draw; an entry survives when its uniform is below (1 − p)·2³².
        var threshold = (ulong)((1.0 - p) * 4294967296.0);
        var i = 0;
        for (; i + 1 < mask.Length; i += 2)
        {
            var bits = rng.NextUInt64();
            mask[i] = (bits & 0xFFFFFFFFUL) < threshold ? keep : 0f;
            mask[i + 1] = (bits >> 32) < threshold ? keep : 0f;
        }

        if (i < mask.Length)
        {
            mask[i] = (rng.NextUInt64() & 0xFFFFFFFFUL) < threshold ? keep : 0f;
        }
    }
}
