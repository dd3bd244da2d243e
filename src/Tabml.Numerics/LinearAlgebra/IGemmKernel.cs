namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// A register-blocked micro-kernel: for a tile of up to MR rows of A and one packed NR-wide panel P of B,
/// T[MR×NR] = Σ_p A(i, p)·P[p, 0..NR), then every tile row goes to the epilogue. A is read through its
/// strides (<see cref="StridedOperand"/>, row groups already resolved by the caller); every element is
/// summed over p in increasing order with one fused multiply-add per step, so a full tile and a partial
/// one give the same bits. Implementations are structs, so the driver is specialised per kernel.
/// </summary>
internal interface IGemmKernel
{
    /// <summary>MR: rows of a full tile.</summary>
    static abstract int Rows { get; }

    /// <summary>NR: the panel width.</summary>
    static abstract int Columns { get; }

    static abstract void Tile<TEpilogue>(ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct;

    /// <summary>A tile of 1 ≤ rows &lt; MR rows, full NR columns.</summary>
    static abstract void PartialRows<TEpilogue>(int rows, ref float a, in StridedOperand op, ref float panel, int depth, ref TEpilogue epilogue, int row, int column)
        where TEpilogue : struct, ITileEpilogue, allows ref struct;
}
