using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// 4×16 tile on Vector256: 8 accumulators, 2 panel loads and 4 broadcasts per depth step (11 of the 16 ymm
/// registers of an AVX2 machine). Four rows, so a tile never straddles a panel of a panel-major Aᵀ.
/// </summary>
internal readonly struct Vector256Kernel : IGemmKernel
{
    public static int Rows => 4;

    public static int Columns => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile<TEpilogue>(ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        var c00 = Vector256<float>.Zero; var c01 = c00; var c10 = c00; var c11 = c00;
        var c20 = c00; var c21 = c00; var c30 = c00; var c31 = c00;
        var r1 = (nint)op.RowStride;
        nint r2 = r1 * 2, r3 = r1 * 3;
        var ds = (nint)op.DepthStride;
        var gs = (nint)op.DepthGroupStride;
        ref var group = ref a;
        ref var bp = ref panel;
        for (var remaining = depth; remaining > 0; remaining -= op.DepthGroup)
        {
            var count = Math.Min(op.DepthGroup, remaining);
            ref var ap = ref group;
            for (var q = 0; q < count; q++)
            {
                var b0 = Vector256.LoadUnsafe(ref bp);
                var b1 = Vector256.LoadUnsafe(ref bp, 8);
                var a0 = Vector256.Create(ap);
                c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
                var a1 = Vector256.Create(Unsafe.Add(ref ap, r1));
                c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
                var a2 = Vector256.Create(Unsafe.Add(ref ap, r2));
                c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
                var a3 = Vector256.Create(Unsafe.Add(ref ap, r3));
                c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
                ap = ref Unsafe.Add(ref ap, ds);
                bp = ref Unsafe.Add(ref bp, 16);
            }

            group = ref Unsafe.Add(ref group, gs);
        }

        // The epilogue runs on a copy in memory (see Vector512Kernel).
        var tile = default(Tile256);
        tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11;
        tile[4] = c20; tile[5] = c21; tile[6] = c30; tile[7] = c31;
        Finish(ref tile, ref epilogue, row, column);
    }

    public static void PartialRows<TEpilogue>(int rows, ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        var ds = (nint)op.DepthStride;
        var gs = (nint)op.DepthGroupStride;
        for (var r = 0; r < rows; r++)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            ref var group = ref Unsafe.Add(ref a, (nint)op.RowStride * r);
            ref var bp = ref panel;
            for (var remaining = depth; remaining > 0; remaining -= op.DepthGroup)
            {
                var count = Math.Min(op.DepthGroup, remaining);
                ref var ap = ref group;
                for (var q = 0; q < count; q++)
                {
                    var av = Vector256.Create(ap);
                    acc0 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bp), acc0);
                    acc1 = Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref bp, 8), acc1);
                    ap = ref Unsafe.Add(ref ap, ds);
                    bp = ref Unsafe.Add(ref bp, 16);
                }

                group = ref Unsafe.Add(ref group, gs);
            }

            var tile = default(Tile256);
            tile[0] = acc0;
            tile[1] = acc1;
            epilogue.Store(row + r, column, tile[0]);
            epilogue.Store(row + r, column + 8, tile[1]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Finish<TEpilogue>(ref Tile256 tile, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        for (var r = 0; r < 4; r++)
        {
            epilogue.Store(row + r, column, tile[2 * r]);
            epilogue.Store(row + r, column + 8, tile[(2 * r) + 1]);
        }
    }

    [InlineArray(8)]
    private struct Tile256
    {
        private Vector256<float> _element;
    }
}
