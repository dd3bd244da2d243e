using System.Runtime.Intrinsics.X86;
using System.Runtime.InteropServices;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// Products on pre-packed B panels with an epilogue: C = epilogue(A·op(B)), A read in place through its
/// strides. Callers pack a weight matrix once per update (<see cref="Pack"/>, or only the changed range)
/// and run many products on it; the epilogue applies what follows the product (store, bias, activation,
/// dropout, their backward) on the register tile. Shapes and spans are checked before any kernel runs.
/// </summary>
public static class PanelGemm
{
    /// <summary>NR: the panel width of a level's kernel (and the group of its panel-major buffers).</summary>
    public static int PanelWidth(SimdLevel level) => SimdSupport.Effective(level) switch
    {
        SimdLevel.Vector512 => Vector512Kernel.Columns,
        SimdLevel.Vector256 => Vector256Kernel.Columns,
        _ => ScalarKernel.Columns,
    };

    /// <summary>MR: the rows of a level's register tile.</summary>
    public static int TileRows(SimdLevel level) => SimdSupport.Effective(level) switch
    {
        SimdLevel.Vector512 => Vector512Kernel.Rows,
        SimdLevel.Vector256 => Vector256Kernel.Rows,
        _ => ScalarKernel.Rows,
    };

    public static int Panels(SimdLevel level, int columns) => (columns + PanelWidth(level) - 1) / PanelWidth(level);

    public static int PackedLength(SimdLevel level, int depth, int columns) => Panels(level, columns) * depth * PanelWidth(level);

    /// <summary>Packs op(B): B row-major depth × columns, or, when <paramref name="transposed"/>, columns × depth.</summary>
    public static void Pack(SimdLevel level, ReadOnlySpan<float> b, bool transposed, int depth, int columns, Span<float> packed) =>
        PackColumns(level, b, transposed, depth, columns, 0, columns, packed);

    /// <summary>Repacks columns [first, last) of op(B).</summary>
    /// <param name="nonTemporal">Write whole rows of a 64-byte-aligned <paramref name="packed"/> past the caches (for panels another core reads next; same values).</param>
    public static void PackColumns(SimdLevel level, ReadOnlySpan<float> b, bool transposed, int depth, int columns, int first, int last, Span<float> packed, bool nonTemporal = false)
    {
        CheckPack(level, b, depth, columns, first, last, columns, packed);
        PanelPacking.Columns(b, transposed, depth, columns, first, last, PanelWidth(level), packed, nonTemporal);
        FenceNonTemporal(nonTemporal);
    }

    /// <summary>Repacks depth steps [first, last) of op(B) in every panel.</summary>
    /// <param name="nonTemporal">As for <see cref="PackColumns"/>.</param>
    public static void PackDepth(SimdLevel level, ReadOnlySpan<float> b, bool transposed, int depth, int columns, int first, int last, Span<float> packed, bool nonTemporal = false)
    {
        CheckPack(level, b, depth, columns, first, last, depth, packed);
        PanelPacking.DepthRange(b, transposed, depth, columns, first, last, PanelWidth(level), packed, nonTemporal);
        FenceNonTemporal(nonTemporal);
    }

    /// <summary>
    /// Runs rows × depth of A against panels [firstPanel, lastPanel) of a packed op(B) with
    /// <paramref name="columns"/> columns; the epilogue receives rows rowOffset.. and the panels' columns.
    /// </summary>
    public static void Multiply<TEpilogue>(SimdLevel level, ReadOnlySpan<float> a, StridedOperand op, int rows, int depth, ReadOnlySpan<float> packed, int columns, int firstPanel, int lastPanel, ref TEpilogue epilogue, int rowOffset = 0)
        where TEpilogue : struct, ITileEpilogue, allows ref struct
    {
        level = SimdSupport.Effective(level);
        CheckMultiply(level, a, op, rows, depth, packed, columns, firstPanel, lastPanel, rowOffset, epilogue.RowLimit, epilogue.ColumnLimit);
        if (rows == 0 || firstPanel == lastPanel)
        {
            return;
        }

        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(packed);
        switch (level)
        {
            case SimdLevel.Vector512:
                GemmDriver.Run<Vector512Kernel, TEpilogue>(ref a0, op, rows, depth, ref b0, firstPanel, lastPanel, ref epilogue, rowOffset);
                break;
            case SimdLevel.Vector256:
                GemmDriver.Run<Vector256Kernel, TEpilogue>(ref a0, op, rows, depth, ref b0, firstPanel, lastPanel, ref epilogue, rowOffset);
                break;
            default:
                GemmDriver.Run<ScalarKernel, TEpilogue>(ref a0, op, rows, depth, ref b0, firstPanel, lastPanel, ref epilogue, rowOffset);
                break;
        }
    }

    /// <summary>Non-temporal stores are weakly ordered: fence them before another thread may read the panels.</summary>
    private static void FenceNonTemporal(bool nonTemporal)
    {
        if (nonTemporal && Sse.IsSupported)
        {
            Sse.StoreFence();
        }
    }

    private static void CheckPack(SimdLevel level, ReadOnlySpan<float> b, int depth, int columns, int first, int last, int limit, Span<float> packed)
    {
        if (depth < 0 || columns < 0 || first < 0 || first > last || last > limit)
        {
            ThrowHelper.Argument($"bad packing range [{first}, {last}) for a {depth} × {columns} matrix");
        }

        ThrowHelper.IfShorter(b.Length, (long)depth * columns, "the matrix to pack");
        ThrowHelper.IfShorter(packed.Length, PackedLength(level, depth, columns), "the packed panels");
    }

    private static void CheckMultiply(SimdLevel level, ReadOnlySpan<float> a, StridedOperand op, int rows, int depth, ReadOnlySpan<float> packed, int columns, int firstPanel, int lastPanel, int rowOffset, int rowLimit, int columnLimit)
    {
        var mr = TileRows(level);
        var nr = PanelWidth(level);
        var stridesOk = op.RowStride >= 0 && op.DepthStride >= 0 && op.RowGroupStride >= 0 && op.DepthGroupStride >= 0 && op.RowGroup > 0 && op.DepthGroup > 0;
        var groupsOk = rows <= op.RowGroup || op.RowGroup % mr == 0;
        var panelsOk = firstPanel >= 0 && firstPanel <= lastPanel && lastPanel <= Panels(level, columns);
        if (rows < 0 || depth < 0 || columns < 0 || rowOffset < 0 || !stridesOk || !groupsOk || !panelsOk)
        {
            ThrowHelper.Argument($"bad product shape: {rows} rows, depth {depth}, panels [{firstPanel}, {lastPanel}) of {columns} columns, row groups {op.RowGroup} for tiles of {mr}");
        }

        if ((long)rowOffset + rows > rowLimit || (long)lastPanel * nr > columnLimit)
        {
            ThrowHelper.Argument($"the output holds {rowLimit} rows and {columnLimit} columns; the product writes rows to {rowOffset + rows} and columns to {lastPanel * nr}");
        }

        ThrowHelper.IfShorter(a.Length, op.RequiredLength(rows, depth), "A");
        ThrowHelper.IfShorter(packed.Length, (long)lastPanel * depth * nr, "the packed B panels");
    }
}
