using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// A 16×16 float transpose in AVX-512 registers (unpack, then two rounds of 128-bit lane shuffles), for
/// repacking Wᵀ panels after every update without a scalar scatter. Pure data movement: the result is the
/// same bits as the scalar copy.
/// </summary>
internal static class Transpose16
{
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>target[c·targetStride + r] = source[r·sourceStride + c] for r, c &lt; 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ref float source, nint sourceStride, ref float target, nint targetStride, bool nonTemporal = false)
    {
        Span<Vector512<float>> r = stackalloc Vector512<float>[16];
        for (var i = 0; i < 16; i++)
        {
            r[i] = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, i * sourceStride));
        }

        Span<Vector512<float>> t = stackalloc Vector512<float>[16];
        for (var i = 0; i < 16; i += 2)
        {
            t[i] = Avx512F.UnpackLow(r[i], r[i + 1]);
            t[i + 1] = Avx512F.UnpackHigh(r[i], r[i + 1]);
        }

        // Rows a..d (t0..t3) give columns k, k+4, k+8, k+12 (one per 128-bit lane) in u0..u3 for k = 0..3.
        for (var i = 0; i < 16; i += 4)
        {
            r[i] = Avx512F.UnpackLow(t[i].AsDouble(), t[i + 2].AsDouble()).AsSingle();
            r[i + 1] = Avx512F.UnpackHigh(t[i].AsDouble(), t[i + 2].AsDouble()).AsSingle();
            r[i + 2] = Avx512F.UnpackLow(t[i + 1].AsDouble(), t[i + 3].AsDouble()).AsSingle();
            r[i + 3] = Avx512F.UnpackHigh(t[i + 1].AsDouble(), t[i + 3].AsDouble()).AsSingle();
        }

        for (var k = 0; k < 4; k++)
        {
            t[k] = Avx512F.Shuffle4x128(r[k], r[k + 4], 0x88);
            t[k + 4] = Avx512F.Shuffle4x128(r[k], r[k + 4], 0xDD);
            t[k + 8] = Avx512F.Shuffle4x128(r[k + 8], r[k + 12], 0x88);
            t[k + 12] = Avx512F.Shuffle4x128(r[k + 8], r[k + 12], 0xDD);
        }

        for (var k = 0; k < 8; k++)
        {
            PanelPacking.Store(Avx512F.Shuffle4x128(t[k], t[k + 8], 0x88), ref Unsafe.Add(ref target, k * targetStride), nonTemporal);
            PanelPacking.Store(Avx512F.Shuffle4x128(t[k], t[k + 8], 0xDD), ref Unsafe.Add(ref target, (k + 8) * targetStride), nonTemporal);
        }
    }
}
