using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Optimization;

/// <summary>
/// One Adam step on one tensor with PyTorch's semantics (bias-corrected, eps added to √v̂, no AMSGrad),
/// preceded by decoupled weight decay p ← p·decay when decay ≠ 1 (the reference decays before the step).
/// </summary>
public static class Adam
{
    /// <param name="step">The 1-based step count of this tensor's moments.</param>
    public static void Step(SimdLevel level, Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, float learningRate, float beta1, float beta2, float epsilon, int step, float decay = 1f) =>
        new AdamUpdate(learningRate, beta1, beta2, epsilon, step, decay).Apply(level, parameters, gradient, firstMoment, secondMoment);
}
