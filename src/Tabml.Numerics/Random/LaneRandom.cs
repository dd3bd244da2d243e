using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Random;

/// <summary>
/// Eight independent xoshiro256** generators advanced in lock step, for bulk random bits (dropout masks):
/// one Vector512 step yields 16 uniform 32-bit values. The Vector256 and scalar paths advance the same
/// eight lanes, so every instruction set produces the same stream for a seed. (×5 and ×9 are shifts and
/// adds, so no 64-bit vector multiply is needed.)
/// </summary>
public sealed class LaneRandom
{
    private const int Lanes = 8;
    private readonly ulong[] _s0 = new ulong[Lanes];
    private readonly ulong[] _s1 = new ulong[Lanes];
    private readonly ulong[] _s2 = new ulong[Lanes];
    private readonly ulong[] _s3 = new ulong[Lanes];
    private readonly ulong[] _block = new ulong[Lanes];

    public LaneRandom(ulong seed)
    {
        for (var lane = 0; lane < Lanes; lane++)
        {
            var source = DeterministicRandom.ForStream(seed, (ulong)lane);
            _s0[lane] = source.NextUInt64();
            _s1[lane] = source.NextUInt64();
            _s2[lane] = source.NextUInt64();
            _s3[lane] = source.NextUInt64();
        }
    }

    /// <summary>
    /// Writes an inverted-dropout mask: each entry is <paramref name="keepValue"/> with probability
    /// <paramref name="keepProbability"/>, else 0 (16 entries per eight-lane step; a tail uses part of a step).
    /// </summary>
    public void FillMask(SimdLevel level, Span<float> mask, double keepProbability, float keepValue)
    {
        var threshold = (uint)Math.Min(uint.MaxValue, Math.Round(keepProbability * 4294967296.0));
        var i = 0;
        if (level == SimdLevel.Vector512 && mask.Length >= 16)
        {
            var limit = Vector512.Create(threshold);
            var keep = Vector512.Create(keepValue);
            ref var m = ref MemoryMarshal.GetReference(mask);
            var (s0, s1, s2, s3) = (Vector512.Create(_s0), Vector512.Create(_s1), Vector512.Create(_s2), Vector512.Create(_s3));
            for (; i <= mask.Length - 16; i += 16)
            {
                var five = (s1 << 2) + s1;
                var rotated = (five << 7) | (five >> 57);
                var bits = ((rotated << 3) + rotated).AsUInt32();
                var t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = (s3 << 45) | (s3 >> 19);
                Vector512.ConditionalSelect(Vector512.LessThan(bits, limit).AsSingle(), keep, Vector512<float>.Zero).StoreUnsafe(ref m, (nuint)i);
            }

            s0.CopyTo(_s0);
            s1.CopyTo(_s1);
            s2.CopyTo(_s2);
            s3.CopyTo(_s3);
        }

        for (; i < mask.Length; i += 16)
        {
            NextScalar(_block);
            var words = MemoryMarshal.Cast<ulong, uint>(_block.AsSpan());
            for (var k = 0; k < 16 && i + k < mask.Length; k++)
            {
                mask[i + k] = words[k] < threshold ? keepValue : 0f;
            }
        }
    }

    /// <summary>
    /// Writes a dropout mask as bits: bit b of word w is set (kept) when draw 32·w + b, a uniform 32-bit value,
    /// is below <paramref name="keepProbability"/>·2³². Each word takes two eight-lane steps, so every
    /// instruction set draws the same bits.
    /// </summary>
    public void FillBits(SimdLevel level, Span<uint> bits, double keepProbability)
    {
        var threshold = (uint)Math.Min(uint.MaxValue, Math.Round(keepProbability * 4294967296.0));
        var i = 0;
        if (level == SimdLevel.Vector512 && Vector512.IsHardwareAccelerated && bits.Length > 0)
        {
            var limit = Vector512.Create(threshold);
            var (s0, s1, s2, s3) = (Vector512.Create(_s0), Vector512.Create(_s1), Vector512.Create(_s2), Vector512.Create(_s3));
            for (; i < bits.Length; i++)
            {
                var low = (uint)Vector512.ExtractMostSignificantBits(Vector512.LessThan(Step(ref s0, ref s1, ref s2, ref s3), limit));
                var high = (uint)Vector512.ExtractMostSignificantBits(Vector512.LessThan(Step(ref s0, ref s1, ref s2, ref s3), limit));
                bits[i] = low | (high << 16);
            }

            s0.CopyTo(_s0);
            s1.CopyTo(_s1);
            s2.CopyTo(_s2);
            s3.CopyTo(_s3);
            return;
        }

        for (; i < bits.Length; i++)
        {
            var word = 0u;
            for (var half = 0; half < 2; half++)
            {
                NextScalar(_block);
                var words = MemoryMarshal.Cast<ulong, uint>(_block.AsSpan());
                for (var k = 0; k < 16; k++)
                {
                    word |= (words[k] < threshold ? 1u : 0u) << ((half * 16) + k);
                }
            }

            bits[i] = word;
        }
    }

    private static Vector512<uint> Step(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        var five = (s1 << 2) + s1;
        var rotated = (five << 7) | (five >> 57);
        var result = ((rotated << 3) + rotated).AsUInt32();
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >> 19);
        return result;
    }

    private void NextScalar(Span<ulong> output)
    {
        for (var lane = 0; lane < Lanes; lane++)
        {
            var s1 = _s1[lane];
            var five = (s1 << 2) + s1;
            var rotated = (five << 7) | (five >> 57);
            output[lane] = (rotated << 3) + rotated;
            var t = s1 << 17;
            _s2[lane] ^= _s0[lane];
            _s3[lane] ^= s1;
            _s1[lane] ^= _s2[lane];
            _s0[lane] ^= _s3[lane];
            _s2[lane] ^= t;
            _s3[lane] = (_s3[lane] << 45) | (_s3[lane] >> 19);
        }
    }
}
