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
    /// <remarks>Written out on locals: a stack array of vectors (as it was) is stored and reloaded at every
    /// step and zeroed on every call, which cost more than the shuffles.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ref float source, nint sourceStride, ref float target, nint targetStride, bool nonTemporal = false)
    {
        // Rows 0..15, interleaved pairwise: t(2i), t(2i+1) = unpack lo / hi of rows 2i, 2i+1.
        var (t0, t1) = Unpack(Row(ref source, 0, sourceStride), Row(ref source, 1, sourceStride));
        var (t2, t3) = Unpack(Row(ref source, 2, sourceStride), Row(ref source, 3, sourceStride));
        var (t4, t5) = Unpack(Row(ref source, 4, sourceStride), Row(ref source, 5, sourceStride));
        var (t6, t7) = Unpack(Row(ref source, 6, sourceStride), Row(ref source, 7, sourceStride));
        var (t8, t9) = Unpack(Row(ref source, 8, sourceStride), Row(ref source, 9, sourceStride));
        var (t10, t11) = Unpack(Row(ref source, 10, sourceStride), Row(ref source, 11, sourceStride));
        var (t12, t13) = Unpack(Row(ref source, 12, sourceStride), Row(ref source, 13, sourceStride));
        var (t14, t15) = Unpack(Row(ref source, 14, sourceStride), Row(ref source, 15, sourceStride));

        // Rows a..d (t0..t3) give columns k, k+4, k+8, k+12 (one per 128-bit lane) in u0..u3 for k = 0..3.
        var (r0, r1, r2, r3) = Quad(t0, t1, t2, t3);
        var (r4, r5, r6, r7) = Quad(t4, t5, t6, t7);
        var (r8, r9, r10, r11) = Quad(t8, t9, t10, t11);
        var (r12, r13, r14, r15) = Quad(t12, t13, t14, t15);

        var (u0, u4) = Lanes(r0, r4);
        var (u1, u5) = Lanes(r1, r5);
        var (u2, u6) = Lanes(r2, r6);
        var (u3, u7) = Lanes(r3, r7);
        var (u8, u12) = Lanes(r8, r12);
        var (u9, u13) = Lanes(r9, r13);
        var (u10, u14) = Lanes(r10, r14);
        var (u11, u15) = Lanes(r11, r15);

        Columns(u0, u8, ref target, 0, targetStride, nonTemporal);
        Columns(u1, u9, ref target, 1, targetStride, nonTemporal);
        Columns(u2, u10, ref target, 2, targetStride, nonTemporal);
        Columns(u3, u11, ref target, 3, targetStride, nonTemporal);
        Columns(u4, u12, ref target, 4, targetStride, nonTemporal);
        Columns(u5, u13, ref target, 5, targetStride, nonTemporal);
        Columns(u6, u14, ref target, 6, targetStride, nonTemporal);
        Columns(u7, u15, ref target, 7, targetStride, nonTemporal);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row(ref float source, nint row, nint stride) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, row * stride));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Low, Vector512<float> High) Unpack(Vector512<float> a, Vector512<float> b) =>
        (Avx512F.UnpackLow(a, b), Avx512F.UnpackHigh(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float>, Vector512<float>, Vector512<float>, Vector512<float>) Quad(Vector512<float> t0, Vector512<float> t1, Vector512<float> t2, Vector512<float> t3) =>
        (Avx512F.UnpackLow(t0.AsDouble(), t2.AsDouble()).AsSingle(),
         Avx512F.UnpackHigh(t0.AsDouble(), t2.AsDouble()).AsSingle(),
         Avx512F.UnpackLow(t1.AsDouble(), t3.AsDouble()).AsSingle(),
         Avx512F.UnpackHigh(t1.AsDouble(), t3.AsDouble()).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Even, Vector512<float> Odd) Lanes(Vector512<float> a, Vector512<float> b) =>
        (Avx512F.Shuffle4x128(a, b, 0x88), Avx512F.Shuffle4x128(a, b, 0xDD));

    /// <summary>Target rows k and k + 8 from the lane halves of a and b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns(Vector512<float> a, Vector512<float> b, ref float target, nint k, nint stride, bool nonTemporal)
    {
        PanelPacking.Store(Avx512F.Shuffle4x128(a, b, 0x88), ref Unsafe.Add(ref target, k * stride), nonTemporal);
        PanelPacking.Store(Avx512F.Shuffle4x128(a, b, 0xDD), ref Unsafe.Add(ref target, (k + 8) * stride), nonTemporal);
    }
}
