using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Optimization;

/// <summary>
/// One Adam step's scalars for one tensor (PyTorch semantics: bias-corrected, eps added to √v̂, no AMSGrad,
/// decoupled decay p ← p·decay first), computed once and applied to any slices of the tensor, so an update
/// can run on each finished chunk of a gradient while it is still in cache.
/// </summary>
public readonly struct AdamUpdate
{
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private readonly float _stepSize;
    private readonly float _inverseCorrection2;
    private readonly float _decay;

    /// <param name="step">The 1-based step count of the tensor's moments.</param>
    public AdamUpdate(float learningRate, float beta1, float beta2, float epsilon, int step, float decay = 1f)
    {
        if (step < 1)
        {
            ThrowHelper.Argument($"Adam steps count from 1, got {step}");
        }

        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _stepSize = (float)(learningRate / (1.0 - Math.Pow(beta1, step)));
        _inverseCorrection2 = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(beta2, step)));
        _decay = decay;
    }

    /// <summary>Updates parameters and moments in place from the gradient (all four of one length).</summary>
    public void Apply(SimdLevel level, Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment)
    {
        var n = parameters.Length;
        if (gradient.Length != n || firstMoment.Length != n || secondMoment.Length != n)
        {
            ThrowHelper.Argument($"Adam needs equal lengths: parameters {n}, gradient {gradient.Length}, moments {firstMoment.Length} and {secondMoment.Length}");
        }

        Run(SimdSupport.Effective(level), ref MemoryMarshal.GetReference(parameters), ref MemoryMarshal.GetReference(gradient), ref MemoryMarshal.GetReference(firstMoment), ref MemoryMarshal.GetReference(secondMoment), n);
    }

    /// <summary>
    /// The same on a block of a row-major matrix: <paramref name="rows"/> runs of <paramref name="width"/>
    /// elements, <paramref name="stride"/> apart, starting at <paramref name="offset"/> in all four tensors.
    /// </summary>
    public void ApplyRows(SimdLevel level, Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, int offset, int rows, int width, int stride)
    {
        if (offset < 0 || rows < 0 || width < 0 || (rows > 1 && stride < width))
        {
            ThrowHelper.Argument($"bad block: offset {offset}, {rows} rows of {width}, stride {stride}");
        }

        var end = rows == 0 ? 0 : offset + ((long)(rows - 1) * stride) + width;
        var n = parameters.Length;
        if (gradient.Length != n || firstMoment.Length != n || secondMoment.Length != n || end > n)
        {
            ThrowHelper.Argument($"Adam needs equal lengths covering the block: parameters {n}, gradient {gradient.Length}, moments {firstMoment.Length} and {secondMoment.Length}, block end {end}");
        }

        level = SimdSupport.Effective(level);
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var m = ref MemoryMarshal.GetReference(firstMoment);
        ref var v = ref MemoryMarshal.GetReference(secondMoment);
        for (var r = 0; r < rows; r++)
        {
            var at = offset + (r * stride);
            Run(level, ref Unsafe.Add(ref p, at), ref Unsafe.Add(ref g, at), ref Unsafe.Add(ref m, at), ref Unsafe.Add(ref v, at), width);
        }
    }

    private void Run(SimdLevel level, ref float p, ref float g, ref float m, ref float v, int n)
    {
        var i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                Step512(ref p, ref g, ref m, ref v, (nuint)i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                Step256(ref p, ref g, ref m, ref v, (nuint)i);
            }
        }

        var oneMinusBeta1 = 1f - _beta1;
        var oneMinusBeta2 = 1f - _beta2;
        for (; i < n; i++)
        {
            var gs = Unsafe.Add(ref g, i);
            var ms = (Unsafe.Add(ref m, i) * _beta1) + (gs * oneMinusBeta1);
            var vs = (Unsafe.Add(ref v, i) * _beta2) + (gs * gs * oneMinusBeta2);
            var denominator = (MathF.Sqrt(vs) * _inverseCorrection2) + _epsilon;
            Unsafe.Add(ref p, i) = (Unsafe.Add(ref p, i) * _decay) - (ms / denominator * _stepSize);
            Unsafe.Add(ref m, i) = ms;
            Unsafe.Add(ref v, i) = vs;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step512(ref float p, ref float g, ref float m, ref float v, nuint i)
    {
        var gv = Vector512.LoadUnsafe(ref g, i);
        var mv = (Vector512.LoadUnsafe(ref m, i) * _beta1) + (gv * (1f - _beta1));
        var vv = (Vector512.LoadUnsafe(ref v, i) * _beta2) + (gv * gv * (1f - _beta2));
        var denominator = (Vector512.Sqrt(vv) * _inverseCorrection2) + Vector512.Create(_epsilon);
        var pv = Vector512.LoadUnsafe(ref p, i) * _decay;
        (pv - (mv / denominator * _stepSize)).StoreUnsafe(ref p, i);
        mv.StoreUnsafe(ref m, i);
        vv.StoreUnsafe(ref v, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step256(ref float p, ref float g, ref float m, ref float v, nuint i)
    {
        var gv = Vector256.LoadUnsafe(ref g, i);
        var mv = (Vector256.LoadUnsafe(ref m, i) * _beta1) + (gv * (1f - _beta1));
        var vv = (Vector256.LoadUnsafe(ref v, i) * _beta2) + (gv * gv * (1f - _beta2));
        var denominator = (Vector256.Sqrt(vv) * _inverseCorrection2) + Vector256.Create(_epsilon);
        var pv = Vector256.LoadUnsafe(ref p, i) * _decay;
        (pv - (mv / denominator * _stepSize)).StoreUnsafe(ref p, i);
        mv.StoreUnsafe(ref m, i);
        vv.StoreUnsafe(ref v, i);
    }
}
