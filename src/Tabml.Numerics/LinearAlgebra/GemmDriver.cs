using System.Runtime.CompilerServices;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// Runs a micro-kernel over a range of packed NR-wide panels of B and all MR-row tiles of A, panel by panel
/// (a panel stays in L1 while the tiles of A stream past it). Every element of the product is summed by
/// one kernel call in the same depth order whatever the caller's partition, so results never depend on
/// how panels or rows are split across threads.
/// </summary>
internal static class GemmDriver
{
    public static void Run<TKernel, TEpilogue>(ref float a, in StridedOperand op, int rows, int depth, ref float packed, int firstPanel, int lastPanel, ref TEpilogue epilogue, int rowOffset)
        where TKernel : struct, IGemmKernel
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        var mr = TKernel.Rows;
        var nr = TKernel.Columns;
        for (var jp = firstPanel; jp < lastPanel; jp++)
        {
            ref var panel = ref Unsafe.Add(ref packed, (nint)jp * depth * nr);
            for (var i0 = 0; i0 < rows; i0 += mr)
            {
                ref var ai = ref Unsafe.Add(ref a, (nint)op.RowOffset(i0));
                var count = Math.Min(mr, rows - i0);
                if (count == mr)
                {
                    TKernel.Tile(ref ai, op, ref panel, depth, ref epilogue, rowOffset + i0, jp * nr);
                }
                else
                {
                    TKernel.PartialRows(count, ref ai, op, ref panel, depth, ref epilogue, rowOffset + i0, jp * nr);
                }
            }
        }
    }
}
