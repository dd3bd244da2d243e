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

    public static void Tile<TEpilogue>(ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct =>
        TileRows(4, ref a, op, ref panel, depth, ref epilogue, row, column);

    /// <summary>
    /// A partial tile runs the full tile with its missing rows reading the last real row (their results
    /// are dropped): every accumulator chain stays independent, and each real row gets the same bits.
    /// </summary>
    public static void PartialRows<TEpilogue>(int rows, ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct =>
        TileRows(rows, ref a, op, ref panel, depth, ref epilogue, row, column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileRows<TEpilogue>(int rows, ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        var c00 = Vector256<float>.Zero; var c01 = c00; var c10 = c00; var c11 = c00;
        var c20 = c00; var c21 = c00; var c30 = c00; var c31 = c00;
        var stride = (nint)op.RowStride;
        var last = rows - 1;
        nint r1 = stride * Math.Min(1, last), r2 = stride * Math.Min(2, last), r3 = stride * Math.Min(3, last);
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

        // The epilogue runs on a copy in memory, left uninitialised (see Vector512Kernel).
        Unsafe.SkipInit(out Tile256 tile);
        tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11;
        tile[4] = c20; tile[5] = c21; tile[6] = c30; tile[7] = c31;
        Finish(ref tile, ref epilogue, rows, row, column);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Finish<TEpilogue>(ref Tile256 tile, ref TEpilogue epilogue, int rows, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        for (var r = 0; r < rows; r++)
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
