using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// Stores (or adds) tile rows into a row-major C with leading dimension ldc, dropping the padded columns
/// at or past <c>columns</c>. The span is checked by the caller that sizes the product.
/// </summary>
public ref struct RowMajorOutput : ITileEpilogue
{
    private readonly ref float _c;
    private readonly int _ldc;
    private readonly int _columns;
    private readonly bool _accumulate;

    /// <param name="rows">Rows of C; <paramref name="c"/> must hold (rows − 1)·ldc + columns floats.</param>
    public RowMajorOutput(Span<float> c, int rows, int ldc, int columns, bool accumulate)
    {
        if (rows < 0 || columns < 0 || ldc < columns)
        {
            ThrowHelper.Argument("a row-major output needs 0 ≤ columns ≤ ldc and rows ≥ 0");
        }

        ThrowHelper.IfShorter(c.Length, rows == 0 ? 0 : ((long)(rows - 1) * ldc) + columns, "the output matrix");
        RowLimit = rows;
        _c = ref MemoryMarshal.GetReference(c);
        _ldc = ldc;
        _columns = columns;
        _accumulate = accumulate;
    }

    public int RowLimit { get; }

    /// <summary>Any: columns past the matrix are dropped.</summary>
    public readonly int ColumnLimit => int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector512<float> value)
    {
        ref var target = ref Unsafe.Add(ref _c, ((nint)row * _ldc) + column);
        if (column + 16 <= _columns)
        {
            (_accumulate ? value + Vector512.LoadUnsafe(ref target) : value).StoreUnsafe(ref target);
            return;
        }

        for (var lane = 0; lane < _columns - column; lane++)
        {
            Unsafe.Add(ref target, lane) = (_accumulate ? Unsafe.Add(ref target, lane) : 0f) + value.GetElement(lane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector256<float> value)
    {
        ref var target = ref Unsafe.Add(ref _c, ((nint)row * _ldc) + column);
        if (column + 8 <= _columns)
        {
            (_accumulate ? value + Vector256.LoadUnsafe(ref target) : value).StoreUnsafe(ref target);
            return;
        }

        for (var lane = 0; lane < _columns - column; lane++)
        {
            Unsafe.Add(ref target, lane) = (_accumulate ? Unsafe.Add(ref target, lane) : 0f) + value.GetElement(lane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, float value)
    {
        if (column < _columns)
        {
            ref var target = ref Unsafe.Add(ref _c, ((nint)row * _ldc) + column);
            target = (_accumulate ? target : 0f) + value;
        }
    }
}
