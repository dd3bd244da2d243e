using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// Element-wise ops on short runs (a row's part of one panel, 32 floats or fewer), at the network's level,
/// without a library call's per-call overhead. Each element's result depends only on its inputs.
/// </summary>
internal static class RowOps
{
    /// <summary>target = x ⊙ y.</summary>
    public static void Multiply(SimdLevel level, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> target)
    {
        var n = target.Length;
        ref var a = ref MemoryMarshal.GetReference(x[..n]);
        ref var b = ref MemoryMarshal.GetReference(y[..n]);
        ref var t = ref MemoryMarshal.GetReference(target);
        var i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512.LoadUnsafe(ref a, (nuint)i) * Vector512.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256.LoadUnsafe(ref a, (nuint)i) * Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref t, i) = Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }
    }

    /// <summary>sums += x ⊙ y (fused).</summary>
    public static void MultiplyAdd(SimdLevel level, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> sums)
    {
        var n = sums.Length;
        ref var a = ref MemoryMarshal.GetReference(x[..n]);
        ref var b = ref MemoryMarshal.GetReference(y[..n]);
        ref var s = ref MemoryMarshal.GetReference(sums);
        var i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), Vector512.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref s, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), Unsafe.Add(ref s, i));
        }
    }
}
