using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// The output layer (a few logits or one value per row): dot products of each row's last hidden activation
/// with the class-major weights instead of a product padded to a full panel, the loss gradient, and the
/// backward into the last hidden layer through its epilogue. Its weight gradient is summed over the batch
/// rows in order (<see cref="WeightGradient"/>).
/// </summary>
internal static class OutputHead
{
    /// <summary>outputs[(rowOffset + r)·C + c] = c_L·(a_r · w_c) + b_c for rows rowOffset.. of a panel-major activation.</summary>
    public static void Forward(RealMlpNetwork network, ReadOnlySpan<float> activation, PanelLayout layout, int rows, int rowOffset, Span<float> outputs)
    {
        var head = network.Layers[^1];
        var classes = head.Out;
        var scale = network.Architecture.LayerScale(head.In);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < classes; c++)
            {
                var dot = Dot(network.Level, activation, layout, rowOffset + r, head.ClassMajor.AsSpan(c * head.PaddedIn, head.PaddedIn));
                outputs[((rowOffset + r) * classes) + c] = MathF.FusedMultiplyAdd(dot, scale, head.Bias[c]);
            }
        }
    }

    /// <summary>
    /// The loss gradient of rows rowOffset..: stores c_L·g in <paramref name="gradient"/> and adds g to the
    /// block's output-bias sums (g = (softmax − soft target)/B, or 2(out − y)/B).
    /// </summary>
    public static void LossGradient(RealMlpNetwork network, ReadOnlySpan<float> outputs, TrainingTargets targets, ReadOnlySpan<int> batchRows, int batchSize, int rows, int rowOffset, Span<float> gradient, Span<float> biasSums)
    {
        var head = network.Layers[^1];
        var classes = head.Out;
        var scale = network.Architecture.LayerScale(head.In);
        Span<float> g = stackalloc float[classes];
        for (var r = 0; r < rows; r++)
        {
            var row = rowOffset + r;
            var data = batchRows[row];
            if (targets.Labels is { } labels)
            {
                Losses.SoftmaxCrossEntropy(outputs.Slice(row * classes, classes), labels[data], targets.LabelSmoothing, batchSize, g);
            }
            else
            {
                Losses.SquaredError(outputs[row], targets.Values![data], batchSize, out g[0]);
            }

            for (var c = 0; c < classes; c++)
            {
                biasSums[c] += g[c];
                gradient[(row * classes) + c] = g[c] * scale;
            }
        }
    }

    /// <summary>dA = dZ'·Wᵀ of rows rowOffset.., handed to the last hidden layer's backward epilogue.</summary>
    public static void Backward(RealMlpNetwork network, ReadOnlySpan<float> gradient, int rows, int rowOffset, ref ParametricBackwardOutput below)
    {
        var head = network.Layers[^1];
        var classes = head.Out;
        var weights = head.ClassMajor;
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        for (var r = 0; r < rows; r++)
        {
            var row = rowOffset + r;
            var g = gradient.Slice(row * classes, classes);
            switch (network.Level)
            {
                case SimdLevel.Vector512:
                    for (var j = 0; j < head.PaddedIn; j += 16)
                    {
                        var acc = Vector512<float>.Zero;
                        for (var c = 0; c < classes; c++)
                        {
                            acc = Vector512.FusedMultiplyAdd(Vector512.Create(g[c]), Vector512.LoadUnsafe(ref w0, (nuint)((c * head.PaddedIn) + j)), acc);
                        }

                        below.Store(row, j, acc);
                    }

                    break;
                case SimdLevel.Vector256:
                    for (var j = 0; j < head.PaddedIn; j += 8)
                    {
                        var acc = Vector256<float>.Zero;
                        for (var c = 0; c < classes; c++)
                        {
                            acc = Vector256.FusedMultiplyAdd(Vector256.Create(g[c]), Vector256.LoadUnsafe(ref w0, (nuint)((c * head.PaddedIn) + j)), acc);
                        }

                        below.Store(row, j, acc);
                    }

                    break;
                default:
                    for (var j = 0; j < head.PaddedIn; j++)
                    {
                        var acc = 0f;
                        for (var c = 0; c < classes; c++)
                        {
                            acc = MathF.FusedMultiplyAdd(g[c], weights[(c * head.PaddedIn) + j], acc);
                        }

                        below.Store(row, j, acc);
                    }

                    break;
            }
        }
    }

    /// <summary>dW_L[i, c] = Σ over the batch rows, in order, of A[p, i]·dZ'[p, c] (row-major In × C).</summary>
    public static void WeightGradient(RealMlpNetwork network, ReadOnlySpan<float> activation, PanelLayout layout, ReadOnlySpan<float> gradient, int batchSize, Span<float> weightGradient)
    {
        var head = network.Layers[^1];
        var classes = head.Out;
        if (network.Level == SimdLevel.Vector512 && layout.Group == 32)
        {
            WeightGradient512(activation, layout, gradient, classes, head.In, batchSize, weightGradient);
            return;
        }

        var width = network.Level == SimdLevel.Vector256 ? 8 : 1;
        Span<float> lanes = stackalloc float[16];
        for (var c = 0; c < classes; c++)
        {
            for (var j = 0; j < head.In; j += width)
            {
                SumOverRows(network.Level, activation, layout, gradient, classes, c, j, batchSize, lanes);
                for (var lane = 0; lane < width && j + lane < head.In; lane++)
                {
                    weightGradient[((j + lane) * classes) + c] = lanes[lane];
                }
            }
        }
    }

    /// <summary>One panel of 32 inputs and two classes at a time: 4 accumulators, 2 loads and 2 broadcasts per row.</summary>
    private static void WeightGradient512(ReadOnlySpan<float> activation, PanelLayout layout, ReadOnlySpan<float> gradient, int classes, int inputs, int batchSize, Span<float> weightGradient)
    {
        ref var a0 = ref MemoryMarshal.GetReference(activation);
        ref var g0 = ref MemoryMarshal.GetReference(gradient);
        Span<float> lanes = stackalloc float[64];
        for (var j0 = 0; j0 < inputs; j0 += 32)
        {
            ref var panel = ref Unsafe.Add(ref a0, layout.Index(0, j0));
            for (var c0 = 0; c0 < classes; c0 += 2)
            {
                var second = c0 + 1 < classes ? 1 : 0;
                var (s00, s01, s10, s11) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
                ref var g = ref Unsafe.Add(ref g0, c0);
                for (var p = 0; p < batchSize; p++)
                {
                    var x0 = Vector512.LoadUnsafe(ref panel, (nuint)(p * 32));
                    var x1 = Vector512.LoadUnsafe(ref panel, (nuint)((p * 32) + 16));
                    var first = Vector512.Create(Unsafe.Add(ref g, p * classes));
                    var other = Vector512.Create(Unsafe.Add(ref g, (p * classes) + second));
                    s00 = Vector512.FusedMultiplyAdd(x0, first, s00);
                    s01 = Vector512.FusedMultiplyAdd(x1, first, s01);
                    s10 = Vector512.FusedMultiplyAdd(x0, other, s10);
                    s11 = Vector512.FusedMultiplyAdd(x1, other, s11);
                }

                s00.CopyTo(lanes);
                s01.CopyTo(lanes[16..]);
                s10.CopyTo(lanes[32..]);
                s11.CopyTo(lanes[48..]);
                for (var c = 0; c <= second; c++)
                {
                    for (var lane = 0; lane < 32 && j0 + lane < inputs; lane++)
                    {
                        weightGradient[((j0 + lane) * classes) + c0 + c] = lanes[(32 * c) + lane];
                    }
                }
            }
        }
    }

    private static void SumOverRows(SimdLevel level, ReadOnlySpan<float> activation, PanelLayout layout, ReadOnlySpan<float> gradient, int classes, int c, int j, int batchSize, Span<float> lanes)
    {
        ref var a0 = ref MemoryMarshal.GetReference(activation);
        if (level == SimdLevel.Vector512)
        {
            var acc = Vector512<float>.Zero;
            for (var p = 0; p < batchSize; p++)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, (nuint)layout.Index(p, j)), Vector512.Create(gradient[(p * classes) + c]), acc);
            }

            acc.CopyTo(lanes);
        }
        else if (level == SimdLevel.Vector256)
        {
            var acc = Vector256<float>.Zero;
            for (var p = 0; p < batchSize; p++)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a0, (nuint)layout.Index(p, j)), Vector256.Create(gradient[(p * classes) + c]), acc);
            }

            acc.CopyTo(lanes);
        }
        else
        {
            var acc = 0f;
            for (var p = 0; p < batchSize; p++)
            {
                acc = MathF.FusedMultiplyAdd(activation[layout.Index(p, j)], gradient[(p * classes) + c], acc);
            }

            lanes[0] = acc;
        }
    }

    private static float Dot(SimdLevel level, ReadOnlySpan<float> activation, PanelLayout layout, int row, ReadOnlySpan<float> weights)
    {
        ref var a0 = ref MemoryMarshal.GetReference(activation);
        ref var w0 = ref MemoryMarshal.GetReference(weights);
        var width = weights.Length;
        if (level == SimdLevel.Vector512)
        {
            var acc = Vector512<float>.Zero;
            for (var j = 0; j < width; j += 16)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, (nuint)layout.Index(row, j)), Vector512.LoadUnsafe(ref w0, (nuint)j), acc);
            }

            return Vector512.Sum(acc);
        }

        if (level == SimdLevel.Vector256)
        {
            var acc = Vector256<float>.Zero;
            for (var j = 0; j < width; j += 8)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a0, (nuint)layout.Index(row, j)), Vector256.LoadUnsafe(ref w0, (nuint)j), acc);
            }

            return Vector256.Sum(acc);
        }

        var sum = 0f;
        for (var j = 0; j < width; j++)
        {
            sum = MathF.FusedMultiplyAdd(activation[layout.Index(row, j)], weights[j], sum);
        }

        return sum;
    }
}
