using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Optimization;

/// <summary>
/// One Adam step on one tensor with PyTorch's semantics (bias-corrected, eps added to √v̂, no AMSGrad),
/// preceded by decoupled weight decay p ← p·decay when decay ≠ 1 (the reference decays before the step).
/// </summary>
public static class Adam
{
    /// <param name="step">The 1-based step count of this tensor's moments.</param>
    public static void Step(SimdLevel level, Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, float learningRate, float beta1, float beta2, float epsilon, int step, float decay = 1f)
    {
        var biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        var biasCorrection2Sqrt = Math.Sqrt(1.0 - Math.Pow(beta2, step));
        var stepSize = (float)(learningRate / biasCorrection1);
        var inverseCorrection2 = (float)(1.0 / biasCorrection2Sqrt);
        var oneMinusBeta1 = 1f - beta1;
        var oneMinusBeta2 = 1f - beta2;
        ref var p = ref MemoryMarshal.GetReference(parameters);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var m = ref MemoryMarshal.GetReference(firstMoment);
        ref var v = ref MemoryMarshal.GetReference(secondMoment);
        var n = parameters.Length;
        var i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                var gv = Vector512.LoadUnsafe(ref g, (nuint)i);
                var mv = (Vector512.LoadUnsafe(ref m, (nuint)i) * beta1) + (gv * oneMinusBeta1);
                var vv = (Vector512.LoadUnsafe(ref v, (nuint)i) * beta2) + (gv * gv * oneMinusBeta2);
                var denominator = (Vector512.Sqrt(vv) * inverseCorrection2) + Vector512.Create(epsilon);
                var pv = Vector512.LoadUnsafe(ref p, (nuint)i) * decay;
                (pv - (mv / denominator * stepSize)).StoreUnsafe(ref p, (nuint)i);
                mv.StoreUnsafe(ref m, (nuint)i);
                vv.StoreUnsafe(ref v, (nuint)i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                var gv = Vector256.LoadUnsafe(ref g, (nuint)i);
                var mv = (Vector256.LoadUnsafe(ref m, (nuint)i) * beta1) + (gv * oneMinusBeta1);
                var vv = (Vector256.LoadUnsafe(ref v, (nuint)i) * beta2) + (gv * gv * oneMinusBeta2);
                var denominator = (Vector256.Sqrt(vv) * inverseCorrection2) + Vector256.Create(epsilon);
                var pv = Vector256.LoadUnsafe(ref p, (nuint)i) * decay;
                (pv - (mv / denominator * stepSize)).StoreUnsafe(ref p, (nuint)i);
                mv.StoreUnsafe(ref m, (nuint)i);
                vv.StoreUnsafe(ref v, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var gs = Unsafe.Add(ref g, i);
            var ms = (Unsafe.Add(ref m, i) * beta1) + (gs * oneMinusBeta1);
            var vs = (Unsafe.Add(ref v, i) * beta2) + (gs * gs * oneMinusBeta2);
            var denominator = (MathF.Sqrt(vs) * inverseCorrection2) + epsilon;
            Unsafe.Add(ref p, i) = (Unsafe.Add(ref p, i) * decay) - (ms / denominator * stepSize);
            Unsafe.Add(ref m, i) = ms;
            Unsafe.Add(ref v, i) = vs;
        }
    }
}
