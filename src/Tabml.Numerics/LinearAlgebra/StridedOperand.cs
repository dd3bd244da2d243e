namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// How a product reads its left operand A (rows × depth) from memory, so that row-major, transposed and
/// panel-major storage are all read in place without packing:
/// A(i, p) = a[(i / RowGroup)·RowGroupStride + (i % RowGroup)·RowStride + (p / DepthGroup)·DepthGroupStride + (p % DepthGroup)·DepthStride].
/// A register tile never straddles a row group (the kernels' tile heights divide every row group used).
/// </summary>
public readonly record struct StridedOperand(long RowStride, long DepthStride, int RowGroup, long RowGroupStride, int DepthGroup, long DepthGroupStride)
{
    /// <summary>A stored rows × depth, row-major.</summary>
    public static StridedOperand RowMajor(int depth) => new(depth, 1, int.MaxValue, 0, int.MaxValue, 0);

    /// <summary>A = Xᵀ with X stored depth × rows, row-major.</summary>
    public static StridedOperand Transposed(int rows) => new(1, rows, int.MaxValue, 0, int.MaxValue, 0);

    /// <summary>A stored panel-major (<see cref="PanelLayout"/>): its depth runs across the panels.</summary>
    public static StridedOperand Panels(PanelLayout layout) =>
        new(layout.Group, 1, int.MaxValue, 0, layout.Group, (long)layout.RowCapacity * layout.Group);

    /// <summary>A = Xᵀ with X stored panel-major: A's rows are X's columns, its depth X's rows.</summary>
    public static StridedOperand TransposedPanels(PanelLayout layout) =>
        new(1, layout.Group, layout.Group, (long)layout.RowCapacity * layout.Group, int.MaxValue, 0);

    /// <summary>Offset of A(i, 0).</summary>
    public long RowOffset(int i) => ((long)(i / RowGroup) * RowGroupStride) + ((i % RowGroup) * RowStride);

    /// <summary>Offset of A(0, p).</summary>
    public long DepthOffset(int p) => ((long)(p / DepthGroup) * DepthGroupStride) + ((p % DepthGroup) * DepthStride);

    /// <summary>The number of floats a span must hold to read rows × depth elements (0 when either is 0).</summary>
    public long RequiredLength(int rows, int depth) =>
        rows <= 0 || depth <= 0 ? 0 : LastOffset(rows, RowGroup, RowGroupStride, RowStride) + LastOffset(depth, DepthGroup, DepthGroupStride, DepthStride) + 1;

    /// <summary>The largest offset over 0..count−1: at the last index or at the end of the group before it.</summary>
    private static long LastOffset(int count, int group, long groupStride, long stride)
    {
        var last = count - 1;
        var atLast = ((long)(last / group) * groupStride) + ((last % group) * stride);
        if (last < group)
        {
            return atLast;
        }

        var beforeLastGroup = ((long)((last / group) - 1) * groupStride) + ((group - 1) * stride);
        return Math.Max(atLast, beforeLastGroup);
    }
}
