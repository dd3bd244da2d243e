namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// A register-blocked micro-kernel: C[MR×NR] (+)= Σ_p A(i, p)·P[p, 0..NR), where A(i, p) is read at
/// a[i·rowStride + p·depthStride] (so both A and Aᵀ are served without packing) and P is a packed panel of
/// B, NR floats per p. Implementations are structs, so the driver is specialised and inlined per kernel.
/// </summary>
internal interface IGemmKernel
{
    static abstract int Rows { get; }

    static abstract int Columns { get; }

    /// <summary>A full MR×NR tile written to c (row stride ldc).</summary>
    static abstract void Tile(ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate);

    /// <summary>A tile of fewer rows (1 ≤ rows &lt; MR), full NR columns.</summary>
    static abstract void PartialRows(int rows, ref float a, nint rowStride, nint depthStride, ref float panel, int depth, ref float c, nint ldc, bool accumulate);
}
