using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.LinearAlgebra;

namespace Tabml.Numerics.Activations;

/// <summary>
/// The backward epilogue of a hidden layer, applied to the register tile of dA = dZ'·Wᵀ of the layer
/// above: t = dA⊙mask·1/(1 − p), dz = t⊙D; stores dz' = c·dz panel-major (the scaled gradient that both the
/// weight and the input gradient products take) and adds, row by row in increasing order, Σ dz to the
/// bias sums and Σ t⊙G to the α sums of the caller's row block.
/// </summary>
public ref struct ParametricBackwardOutput : ITileEpilogue
{
    private readonly ref uint _mask;
    private readonly ref float _derivative;
    private readonly ref float _gap;
    private readonly ref float _gradient;
    private readonly ref float _biasSums;
    private readonly ref float _alphaSums;
    private readonly PanelLayout _layout;
    private readonly float _scale;
    private readonly float _keep;
    private readonly int _maskWords;
    private readonly bool _parametric;
    private readonly bool _dropout;

    /// <param name="gap">G from the forward, or empty without α (then <paramref name="alphaSums"/> is empty too).</param>
    public ParametricBackwardOutput(PanelLayout layout, int columns, float scale, DropoutMask mask, ReadOnlySpan<float> derivative, ReadOnlySpan<float> gap, Span<float> gradient, Span<float> biasSums, Span<float> alphaSums)
    {
        var padded = layout.Panels(columns) * layout.Group;
        var length = layout.Length(columns);
        _parametric = !gap.IsEmpty;
        _dropout = mask.Active;
        ThrowHelper.IfShorter(derivative.Length, length, "the derivative");
        ThrowHelper.IfShorter(gap.Length, _parametric ? length : 0, "the gap");
        ThrowHelper.IfShorter(gradient.Length, length, "the gradient output");
        ThrowHelper.IfShorter(biasSums.Length, padded, "the bias sums");
        ThrowHelper.IfShorter(alphaSums.Length, _parametric ? padded : 0, "the α sums");
        ThrowHelper.IfShorter(mask.Bits.Length, _dropout ? DropoutMask.Length(layout.RowCapacity, columns) : 0, "the dropout mask");
        _mask = ref MemoryMarshal.GetReference(mask.Bits);
        _derivative = ref MemoryMarshal.GetReference(derivative);
        _gap = ref MemoryMarshal.GetReference(gap);
        _gradient = ref MemoryMarshal.GetReference(gradient);
        _biasSums = ref MemoryMarshal.GetReference(biasSums);
        _alphaSums = ref MemoryMarshal.GetReference(alphaSums);
        _layout = layout;
        _scale = scale;
        _keep = mask.KeepScale;
        _maskWords = mask.Words;
        ColumnLimit = padded;
    }

    public readonly int RowLimit => _layout.RowCapacity;

    public int ColumnLimit { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector512<float> value)
    {
        var t = value;
        if (_dropout)
        {
            var word = Unsafe.Add(ref _mask, (row * _maskWords) + (column >> 5));
            t = Vector512.ConditionalSelect(DropoutBits.Dropped512(word, column), Vector512<float>.Zero, t * _keep);
        }

        var at = (nuint)_layout.Index(row, column);
        var dz = t * Vector512.LoadUnsafe(ref _derivative, at);
        (Vector512.LoadUnsafe(ref _biasSums, (nuint)column) + dz).StoreUnsafe(ref _biasSums, (nuint)column);
        if (_parametric)
        {
            Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref _gap, at), Vector512.LoadUnsafe(ref _alphaSums, (nuint)column)).StoreUnsafe(ref _alphaSums, (nuint)column);
        }

        (dz * _scale).StoreUnsafe(ref _gradient, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector256<float> value)
    {
        var t = value;
        if (_dropout)
        {
            var word = Unsafe.Add(ref _mask, (row * _maskWords) + (column >> 5));
            t = Vector256.ConditionalSelect(DropoutBits.Dropped256(word, column), Vector256<float>.Zero, t * _keep);
        }

        var at = (nuint)_layout.Index(row, column);
        var dz = t * Vector256.LoadUnsafe(ref _derivative, at);
        (Vector256.LoadUnsafe(ref _biasSums, (nuint)column) + dz).StoreUnsafe(ref _biasSums, (nuint)column);
        if (_parametric)
        {
            Vector256.FusedMultiplyAdd(t, Vector256.LoadUnsafe(ref _gap, at), Vector256.LoadUnsafe(ref _alphaSums, (nuint)column)).StoreUnsafe(ref _alphaSums, (nuint)column);
        }

        (dz * _scale).StoreUnsafe(ref _gradient, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, float value)
    {
        var t = value;
        if (_dropout)
        {
            t = DropoutBits.Kept(Unsafe.Add(ref _mask, (row * _maskWords) + (column >> 5)), column) ? t * _keep : 0f;
        }

        var at = _layout.Index(row, column);
        var dz = t * Unsafe.Add(ref _derivative, at);
        Unsafe.Add(ref _biasSums, column) += dz;
        if (_parametric)
        {
            Unsafe.Add(ref _alphaSums, column) = MathF.FusedMultiplyAdd(t, Unsafe.Add(ref _gap, at), Unsafe.Add(ref _alphaSums, column));
        }

        Unsafe.Add(ref _gradient, at) = dz * _scale;
    }
}
