using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>6×16 tile on Vector256: 12 accumulators, 2 panel loads and 6 broadcasts per depth step (16 ymm registers).</summary>
internal readonly struct Vector256Kernel : IGemmKernel
{
    public static int Rows => 6;

    public static int Columns => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate)
        {
            c00 = Load(ref c, 0); c01 = Load(ref c, 8);
            c10 = Load(ref c, ldc); c11 = Load(ref c, ldc + 8);
            c20 = Load(ref c, 2 * ldc); c21 = Load(ref c, (2 * ldc) + 8);
            c30 = Load(ref c, 3 * ldc); c31 = Load(ref c, (3 * ldc) + 8);
            c40 = Load(ref c, 4 * ldc); c41 = Load(ref c, (4 * ldc) + 8);
            c50 = Load(ref c, 5 * ldc); c51 = Load(ref c, (5 * ldc) + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = Vector256<float>.Zero;
            c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }

        ref var ap = ref a;
        ref var bp = ref panel;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref bp);
            var b1 = Vector256.LoadUnsafe(ref bp, 8);
            var a0 = Vector256.Create(ap);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref ap, rowStride));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref ap, 2 * rowStride));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref ap, 3 * rowStride));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(Unsafe.Add(ref ap, 4 * rowStride));
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(Unsafe.Add(ref ap, 5 * rowStride));
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            ap = ref Unsafe.Add(ref ap, depthStride);
            bp = ref Unsafe.Add(ref bp, 16);
        }

        Store(c00, ref c, 0); Store(c01, ref c, 8);
        Store(c10, ref c, ldc); Store(c11, ref c, ldc + 8);
        Store(c20, ref c, 2 * ldc); Store(c21, ref c, (2 * ldc) + 8);
        Store(c30, ref c, 3 * ldc); Store(c31, ref c, (3 * ldc) + 8);
        Store(c40, ref c, 4 * ldc); Store(c41, ref c, (4 * ldc) + 8);
        Store(c50, ref c, 5 * ldc); Store(c51, ref c, (5 * ldc) + 8);
    }

    public static void PartialRows(int rows, ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate)
    {
        for (var r = 0; r < rows; r++)
        {
            ref var cr = ref Unsafe.Add(ref c, r * ldc);
            var acc0 = accumulate ? Load(ref cr, 0) : Vector256<float>.Zero;
            var acc1 = accumulate ? Load(ref cr, 8) : Vector256<float>.Zero;
            ref var ap = ref Unsafe.Add(ref a, r * rowStride);
            ref var bp = ref panel;
            for (var p = 0; p < depth; p++)
            {
                var av = Vector256.Create(ap);
                acc0 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bp), acc0);
                acc1 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bp, 8), acc1);
                ap = ref Unsafe.Add(ref ap, depthStride);
                bp = ref Unsafe.Add(ref bp, 16);
            }

            Store(acc0, ref cr, 0);
            Store(acc1, ref cr, 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float c, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref c, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, ref float c, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref c, offset));
}
