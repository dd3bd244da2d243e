using System.Runtime.CompilerServices;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>The portable fallback: a 4×4 tile of scalar fused multiply-adds (MathF.FusedMultiplyAdd).</summary>
internal readonly struct ScalarKernel : IGemmKernel
{
    public static int Rows => 4;

    public static int Columns => 4;

    public static void Tile<TEpilogue>(ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct =>
        PartialRows(4, ref a, op, ref panel, depth, ref epilogue, row, column);

    public static void PartialRows<TEpilogue>(int rows, ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        var ds = (nint)op.DepthStride;
        var gs = (nint)op.DepthGroupStride;
        for (var r = 0; r < rows; r++)
        {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            ref var group = ref Unsafe.Add(ref a, (nint)op.RowStride * r);
            ref var bp = ref panel;
            for (var remaining = depth; remaining > 0; remaining -= op.DepthGroup)
            {
                var count = Math.Min(op.DepthGroup, remaining);
                ref var ap = ref group;
                for (var q = 0; q < count; q++)
                {
                    var av = ap;
                    s0 = MathF.FusedMultiplyAdd(av, bp, s0);
                    s1 = MathF.FusedMultiplyAdd(av, Unsafe.Add(ref bp, 1), s1);
                    s2 = MathF.FusedMultiplyAdd(av, Unsafe.Add(ref bp, 2), s2);
                    s3 = MathF.FusedMultiplyAdd(av, Unsafe.Add(ref bp, 3), s3);
                    ap = ref Unsafe.Add(ref ap, ds);
                    bp = ref Unsafe.Add(ref bp, 4);
                }

                group = ref Unsafe.Add(ref group, gs);
            }

            epilogue.Store(row + r, column, s0);
            epilogue.Store(row + r, column + 1, s1);
            epilogue.Store(row + r, column + 2, s2);
            epilogue.Store(row + r, column + 3, s3);
        }
    }
}
