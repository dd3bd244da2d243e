using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>8×32 tile on Vector512: 16 accumulators, 2 panel loads and 8 broadcasts per depth step.</summary>
internal readonly struct Vector512Kernel : IGemmKernel
{
    public static int Rows => 8;

    public static int Columns => 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate)
    {
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (accumulate)
        {
            c00 = Load(ref c, 0); c01 = Load(ref c, 16);
            c10 = Load(ref c, ldc); c11 = Load(ref c, ldc + 16);
            c20 = Load(ref c, 2 * ldc); c21 = Load(ref c, (2 * ldc) + 16);
            c30 = Load(ref c, 3 * ldc); c31 = Load(ref c, (3 * ldc) + 16);
            c40 = Load(ref c, 4 * ldc); c41 = Load(ref c, (4 * ldc) + 16);
            c50 = Load(ref c, 5 * ldc); c51 = Load(ref c, (5 * ldc) + 16);
            c60 = Load(ref c, 6 * ldc); c61 = Load(ref c, (6 * ldc) + 16);
            c70 = Load(ref c, 7 * ldc); c71 = Load(ref c, (7 * ldc) + 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<float>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<float>.Zero;
        }

        ref var ap = ref a;
        ref var bp = ref panel;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref bp);
            var b1 = Vector512.LoadUnsafe(ref bp, 16);
            var a0 = Vector512.Create(ap);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(Unsafe.Add(ref ap, rowStride));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(Unsafe.Add(ref ap, 2 * rowStride));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(Unsafe.Add(ref ap, 3 * rowStride));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(Unsafe.Add(ref ap, 4 * rowStride));
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(Unsafe.Add(ref ap, 5 * rowStride));
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(Unsafe.Add(ref ap, 6 * rowStride));
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(Unsafe.Add(ref ap, 7 * rowStride));
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            ap = ref Unsafe.Add(ref ap, depthStride);
            bp = ref Unsafe.Add(ref bp, 32);
        }

        Store(c00, ref c, 0); Store(c01, ref c, 16);
        Store(c10, ref c, ldc); Store(c11, ref c, ldc + 16);
        Store(c20, ref c, 2 * ldc); Store(c21, ref c, (2 * ldc) + 16);
        Store(c30, ref c, 3 * ldc); Store(c31, ref c, (3 * ldc) + 16);
        Store(c40, ref c, 4 * ldc); Store(c41, ref c, (4 * ldc) + 16);
        Store(c50, ref c, 5 * ldc); Store(c51, ref c, (5 * ldc) + 16);
        Store(c60, ref c, 6 * ldc); Store(c61, ref c, (6 * ldc) + 16);
        Store(c70, ref c, 7 * ldc); Store(c71, ref c, (7 * ldc) + 16);
    }

    public static void PartialRows(int rows, ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate)
    {
        for (var r = 0; r < rows; r++)
        {
            ref var cr = ref Unsafe.Add(ref c, r * ldc);
            var acc0 = accumulate ? Load(ref cr, 0) : Vector512<float>.Zero;
            var acc1 = accumulate ? Load(ref cr, 16) : Vector512<float>.Zero;
            ref var ap = ref Unsafe.Add(ref a, r * rowStride);
            ref var bp = ref panel;
            for (var p = 0; p < depth; p++)
            {
                var av = Vector512.Create(ap);
                acc0 = Vector512.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref bp), acc0);
                acc1 = Vector512.FusedMultiplyAdd(av, Vector512.LoadUnsafe(ref bp, 16), acc1);
                ap = ref Unsafe.Add(ref ap, depthStride);
                bp = ref Unsafe.Add(ref bp, 32);
            }

            Store(acc0, ref cr, 0);
            Store(acc1, ref cr, 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(ref float c, nint offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref c, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> value, ref float c, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref c, offset));
}
