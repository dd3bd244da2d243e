using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// What a product does with each finished register-tile row before it leaves the registers: store it
/// (row-major or panel-major), or apply a layer's bias, activation and dropout, or its backward. The
/// kernels call it once per row and vector, rows in increasing order, so sums an epilogue accumulates are
/// added in a fixed order. Implementations are ref structs over the output spans; the kernels are
/// specialised and inlined per epilogue.
/// </summary>
public interface ITileEpilogue
{
    /// <summary>Rows the epilogue accepts (row &lt; RowLimit); the product checks it before running.</summary>
    int RowLimit { get; }

    /// <summary>Columns the epilogue accepts, padding of the last panel included.</summary>
    int ColumnLimit { get; }

    /// <param name="row">The product's row (the caller's row offset included).</param>
    /// <param name="column">The product's first column of the vector (a multiple of 16).</param>
    void Store(int row, int column, Vector512<float> value);

    /// <param name="column">A multiple of 8.</param>
    void Store(int row, int column, Vector256<float> value);

    void Store(int row, int column, float value);
}
