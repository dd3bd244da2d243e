namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// Panel-major storage of a matrix with up to <see cref="RowCapacity"/> rows: columns are grouped into
/// panels of <see cref="Group"/> (a power of two, the kernels' panel width), and each panel holds its rows
/// one after the other, so element (r, j) lives at ((j / Group)·RowCapacity + r)·Group + j % Group. A
/// register tile's row is then one contiguous run, and the same buffer serves as a packed B panel (depth =
/// rows), as A (depth = columns) and as Aᵀ, so no product needs a packing pass.
/// </summary>
public readonly record struct PanelLayout
{
    public PanelLayout(int rowCapacity, int group)
    {
        if (rowCapacity < 0 || group <= 0 || (group & (group - 1)) != 0)
        {
            ThrowHelper.Argument("a panel layout needs a non-negative row capacity and a power-of-two group");
        }

        RowCapacity = rowCapacity;
        Group = group;
        Shift = System.Numerics.BitOperations.Log2((uint)group);
    }

    public int RowCapacity { get; }

    public int Group { get; }

    public int Shift { get; }

    public int Panels(int columns) => (columns + Group - 1) >> Shift;

    /// <summary>Floats needed for <paramref name="columns"/> columns (padded to whole panels).</summary>
    public int Length(int columns) => Panels(columns) * RowCapacity * Group;

    public int Index(int row, int column) => ((((column >> Shift) * RowCapacity) + row) << Shift) + (column & (Group - 1));
}
