using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.LinearAlgebra;

namespace Tabml.Numerics.Activations;

/// <summary>
/// The forward epilogue of a hidden layer, applied to the register tile of x·W: z = c·(x·W) + b,
/// a = z + α⊙(f(z) − z) (a = f(z) without α), then inverted dropout; stores a panel-major. In training it
/// also stores what the backward needs instead of z, so the backward computes no transcendental:
/// the local derivative D = 1 + α⊙(f'(z) − 1) and, with α, the gap G = f(z) − z.
/// Bias and α are padded to whole panels (their padding is 0, so padded units stay 0).
/// </summary>
public ref struct ParametricForwardOutput<TFunction> : ITileEpilogue
    where TFunction : struct, IActivationFunction
{
    private readonly ref float _bias;
    private readonly ref float _alpha;
    private readonly ref uint _mask;
    private readonly ref float _activation;
    private readonly ref float _derivative;
    private readonly ref float _gap;
    private readonly PanelLayout _layout;
    private readonly float _scale;
    private readonly float _keep;
    private readonly int _maskWords;
    private readonly bool _parametric;
    private readonly bool _training;
    private readonly bool _dropout;

    /// <param name="alpha">α per unit, or empty for a plain activation.</param>
    /// <param name="derivative">D per unit (training), or empty in eval mode.</param>
    /// <param name="gap">G per unit (training with α), else empty.</param>
    public ParametricForwardOutput(PanelLayout layout, int columns, float scale, ReadOnlySpan<float> bias, ReadOnlySpan<float> alpha, DropoutMask mask, Span<float> activation, Span<float> derivative, Span<float> gap)
    {
        var padded = layout.Panels(columns) * layout.Group;
        var length = layout.Length(columns);
        _parametric = !alpha.IsEmpty;
        _training = !derivative.IsEmpty;
        _dropout = mask.Active;
        ThrowHelper.IfShorter(bias.Length, padded, "the padded bias");
        ThrowHelper.IfShorter(activation.Length, length, "the activation output");
        ThrowHelper.IfShorter(alpha.Length, _parametric ? padded : 0, "the padded α");
        ThrowHelper.IfShorter(derivative.Length, _training ? length : 0, "the derivative output");
        ThrowHelper.IfShorter(gap.Length, _training && _parametric ? length : 0, "the gap output");
        ThrowHelper.IfShorter(mask.Bits.Length, _dropout ? DropoutMask.Length(layout.RowCapacity, columns) : 0, "the dropout mask");
        _bias = ref MemoryMarshal.GetReference(bias);
        _alpha = ref MemoryMarshal.GetReference(alpha);
        _mask = ref MemoryMarshal.GetReference(mask.Bits);
        _activation = ref MemoryMarshal.GetReference(activation);
        _derivative = ref MemoryMarshal.GetReference(derivative);
        _gap = ref MemoryMarshal.GetReference(gap);
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
        var z = Vector512.FusedMultiplyAdd(value, Vector512.Create(_scale), Vector512.LoadUnsafe(ref _bias, (nuint)column));
        var at = (nuint)_layout.Index(row, column);
        Vector512<float> a;
        if (_training)
        {
            var (f, d) = TFunction.Both(z);
            if (_parametric)
            {
                var alpha = Vector512.LoadUnsafe(ref _alpha, (nuint)column);
                var gap = f - z;
                a = Vector512.FusedMultiplyAdd(alpha, gap, z);
                Vector512.FusedMultiplyAdd(alpha, d - Vector512<float>.One, Vector512<float>.One).StoreUnsafe(ref _derivative, at);
                gap.StoreUnsafe(ref _gap, at);
            }
            else
            {
                a = f;
                d.StoreUnsafe(ref _derivative, at);
            }

            if (_dropout)
            {
                var word = Unsafe.Add(ref _mask, (row * _maskWords) + (column >> 5));
                a = Vector512.ConditionalSelect(DropoutBits.Dropped512(word, column), Vector512<float>.Zero, a * _keep);
            }
        }
        else
        {
            var f = TFunction.Value(z);
            a = _parametric ? Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref _alpha, (nuint)column), f - z, z) : f;
        }

        a.StoreUnsafe(ref _activation, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, Vector256<float> value)
    {
        var z = Vector256.FusedMultiplyAdd(value, Vector256.Create(_scale), Vector256.LoadUnsafe(ref _bias, (nuint)column));
        var at = (nuint)_layout.Index(row, column);
        Vector256<float> a;
        if (_training)
        {
            var (f, d) = TFunction.Both(z);
            if (_parametric)
            {
                var alpha = Vector256.LoadUnsafe(ref _alpha, (nuint)column);
                var gap = f - z;
                a = Vector256.FusedMultiplyAdd(alpha, gap, z);
                Vector256.FusedMultiplyAdd(alpha, d - Vector256<float>.One, Vector256<float>.One).StoreUnsafe(ref _derivative, at);
                gap.StoreUnsafe(ref _gap, at);
            }
            else
            {
                a = f;
                d.StoreUnsafe(ref _derivative, at);
            }

            if (_dropout)
            {
                var word = Unsafe.Add(ref _mask, (row * _maskWords) + (column >> 5));
                a = Vector256.ConditionalSelect(DropoutBits.Dropped256(word, column), Vector256<float>.Zero, a * _keep);
            }
        }
        else
        {
            var f = TFunction.Value(z);
            a = _parametric ? Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref _alpha, (nuint)column), f - z, z) : f;
        }

        a.StoreUnsafe(ref _activation, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int row, int column, float value)
    {
        var z = MathF.FusedMultiplyAdd(value, _scale, Unsafe.Add(ref _bias, column));
        var at = _layout.Index(row, column);
        var f = TFunction.Value(z);
        var alpha = _parametric ? Unsafe.Add(ref _alpha, column) : 1f;
        var a = _parametric ? MathF.FusedMultiplyAdd(alpha, f - z, z) : f;
        if (_training)
        {
            Unsafe.Add(ref _derivative, at) = _parametric ? MathF.FusedMultiplyAdd(alpha, TFunction.Derivative(z) - 1f, 1f) : TFunction.Derivative(z);
            if (_parametric)
            {
                Unsafe.Add(ref _gap, at) = f - z;
            }

            if (_dropout)
            {
                a = DropoutBits.Kept(Unsafe.Add(ref _mask, (row * _maskWords) + (column >> 5)), column) ? a * _keep : 0f;
            }
        }

        Unsafe.Add(ref _activation, at) = a;
    }
}
