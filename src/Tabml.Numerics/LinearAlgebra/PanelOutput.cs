using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>Stores tile rows, padding columns included, into a panel-major buffer (<see cref="PanelLayout"/>).</summary>
public ref struct PanelOutput : ITileEpilogue
{
    private readonly ref float _c;
    private readonly PanelLayout _layout;

    public PanelOutput(Span<float> c, PanelLayout layout, int columns)
    {
        ThrowHelper.IfShorter(c.Length, layout.Length(columns), "the panel-major output");
        _c = ref MemoryMarshal.GetReference(c);
        _layout = layout;
        ColumnLimit = layout.Panels(columns) * layout.Group;
    }

    public readonly int RowLimit => _layout.RowCapacity;

    public int ColumnLimit { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector512<float> value) => value.StoreUnsafe(ref Unsafe.Add(ref _c, _layout.Index(row, column)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector256<float> value) => value.StoreUnsafe(ref Unsafe.Add(ref _c, _layout.Index(row, column)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, float value) => Unsafe.Add(ref _c, _layout.Index(row, column)) = value;
}
