using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Optimization;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests;

/// <summary>Every public numeric entry point checks its spans and shapes before it reads or writes through them.</summary>
public sealed class CheckedEntryPointTests
{
    [Fact]
    public void Adam_rejects_moments_or_gradients_of_another_length()
    {
        Assert.Throws<ArgumentException>(() => Adam.Step(SimdSupport.Active, new float[20], new float[19], new float[20], new float[20], 0.1f, 0.9f, 0.95f, 1e-8f, 1));
        Assert.Throws<ArgumentException>(() => Adam.Step(SimdSupport.Active, new float[20], new float[20], new float[20], new float[3], 0.1f, 0.9f, 0.95f, 1e-8f, 1));
        Assert.Throws<ArgumentException>(() => Adam.Step(SimdSupport.Active, new float[20], new float[20], new float[20], new float[20], 0.1f, 0.9f, 0.95f, 1e-8f, step: 0));
        Adam.Step(SimdSupport.Active, new float[20], new float[20], new float[20], new float[20], 0.1f, 0.9f, 0.95f, 1e-8f, 1);
    }

    [Fact]
    public void The_parametric_activation_rejects_short_matrices_and_vectors()
    {
        var level = SimdSupport.Active;
        Assert.Throws<ArgumentException>(() => ParametricActivation.Forward<Selu>(level, new float[20], 1f, new float[5], new float[5], new float[19], 4, 5));
        Assert.Throws<ArgumentException>(() => ParametricActivation.Forward<Selu>(level, new float[20], 1f, new float[4], [], new float[20], 4, 5));
        Assert.Throws<ArgumentException>(() => ParametricActivation.Forward<Selu>(level, new float[20], 1f, new float[5], new float[2], new float[20], 4, 5));
        Assert.Throws<ArgumentException>(() => ParametricActivation.Backward<Mish>(level, new float[20], new float[12], [], [], new float[5], 1f, 4, 5));
        Assert.Throws<ArgumentException>(() => ParametricActivation.Backward<Mish>(level, new float[20], new float[20], new float[5], [], new float[5], 1f, 4, 5));
        ParametricActivation.Backward<Mish>(level, new float[20], new float[20], new float[5], new float[5], new float[5], 1f, 4, 5);
    }

    [Fact]
    public void The_fused_epilogues_and_outputs_reject_buffers_shorter_than_their_layout()
    {
        var layout = new PanelLayout(8, PanelGemm.PanelWidth(SimdSupport.Active));
        var padded = layout.Panels(5) * layout.Group;
        var full = new float[layout.Length(5)];
        var mask = new uint[DropoutMask.Length(8, 5)];

        Assert.Throws<ArgumentException>(() => new ParametricForwardOutput<Selu>(layout, 5, 1f, new float[5], [], DropoutMask.None, full, [], []));
        Assert.Throws<ArgumentException>(() => new ParametricForwardOutput<Selu>(layout, 5, 1f, new float[padded], [], DropoutMask.None, full.AsSpan(1).ToArray(), [], []));
        Assert.Throws<ArgumentException>(() => new ParametricForwardOutput<Selu>(layout, 5, 1f, new float[padded], [], new DropoutMask(mask.AsSpan(1).ToArray(), 5, 2f), full, full, []));
        Assert.Throws<ArgumentException>(() => new ParametricBackwardOutput(layout, 5, 1f, DropoutMask.None, full, full, full, new float[padded], new float[padded - 1]));
        Assert.Throws<ArgumentException>(() => new PanelOutput(full.AsSpan(2).ToArray(), layout, 5));
        Assert.Throws<ArgumentException>(() => new RowMajorOutput(new float[39], 8, 5, 5, accumulate: false));
        _ = new ParametricForwardOutput<Selu>(layout, 5, 1f, new float[padded], [], new DropoutMask(mask, 5, 2f), full, full, []);
        _ = new ParametricBackwardOutput(layout, 5, 1f, new DropoutMask(mask, 5, 2f), full, full, full, new float[padded], new float[padded]);
    }

    [Fact]
    public void Products_reject_short_spans_and_negative_shapes()
    {
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedA(new float[5], new float[6], new float[6], 2, 3, 2));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedB(new float[6], new float[5], new float[4], 2, 3, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], new float[6], new float[4], -2, 3, 2));
    }
}
