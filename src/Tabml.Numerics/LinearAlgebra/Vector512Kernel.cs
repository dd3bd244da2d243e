using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>8×32 tile on Vector512: 16 accumulators, 2 panel loads and 8 broadcasts per depth step.</summary>
internal readonly struct Vector512Kernel : IGemmKernel
{
    public static int Rows => 8;

    public static int Columns => 32;

    public static void Tile<TEpilogue>(ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct =>
        TileRows(8, ref a, op, ref panel, depth, ref epilogue, row, column);

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
        var c00 = Vector512<float>.Zero; var c01 = c00; var c10 = c00; var c11 = c00;
        var c20 = c00; var c21 = c00; var c30 = c00; var c31 = c00;
        var c40 = c00; var c41 = c00; var c50 = c00; var c51 = c00;
        var c60 = c00; var c61 = c00; var c70 = c00; var c71 = c00;
        var stride = (nint)op.RowStride;
        var last = rows - 1;
        nint r1 = stride * Math.Min(1, last), r2 = stride * Math.Min(2, last), r3 = stride * Math.Min(3, last);
        nint r4 = stride * Math.Min(4, last), r5 = stride * Math.Min(5, last), r6 = stride * Math.Min(6, last), r7 = stride * Math.Min(7, last);
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
                var b0 = Vector512.LoadUnsafe(ref bp);
                var b1 = Vector512.LoadUnsafe(ref bp, 16);
                var a0 = Vector512.Create(ap);
                c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
                c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
                var a1 = Vector512.Create(Unsafe.Add(ref ap, r1));
                c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
                var a2 = Vector512.Create(Unsafe.Add(ref ap, r2));
                c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
                var a3 = Vector512.Create(Unsafe.Add(ref ap, r3));
                c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
                var a4 = Vector512.Create(Unsafe.Add(ref ap, r4));
                c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
                var a5 = Vector512.Create(Unsafe.Add(ref ap, r5));
                c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
                var a6 = Vector512.Create(Unsafe.Add(ref ap, r6));
                c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
                c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
                var a7 = Vector512.Create(Unsafe.Add(ref ap, r7));
                c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
                c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
                ap = ref Unsafe.Add(ref ap, ds);
                bp = ref Unsafe.Add(ref bp, 32);
            }

            group = ref Unsafe.Add(ref group, gs);
        }

        // The epilogue runs on a copy in memory: no accumulator may live across a call the JIT did not
        // inline, or it would spill the accumulators inside the depth loop too (after every multiply-add:
        // products 2–4× slower). That includes the JIT's own helpers: `default(Tile512)` zeroes the copy
        // with a call, so the copy is left uninitialised (every element is written below).
        Unsafe.SkipInit(out Tile512 tile);
        tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11;
        tile[4] = c20; tile[5] = c21; tile[6] = c30; tile[7] = c31;
        tile[8] = c40; tile[9] = c41; tile[10] = c50; tile[11] = c51;
        tile[12] = c60; tile[13] = c61; tile[14] = c70; tile[15] = c71;
        Finish(ref tile, ref epilogue, rows, row, column);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Finish<TEpilogue>(ref Tile512 tile, ref TEpilogue epilogue, int rows, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        for (var r = 0; r < rows; r++)
        {
            epilogue.Store(row + r, column, tile[2 * r]);
            epilogue.Store(row + r, column + 16, tile[(2 * r) + 1]);
        }
    }

    [InlineArray(16)]
    private struct Tile512
    {
        private Vector512<float> _element;
    }
}
