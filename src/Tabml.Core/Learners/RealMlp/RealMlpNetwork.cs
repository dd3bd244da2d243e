using System.Numerics.Tensors;
using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// Forward and backward passes of a RealMLP on a batch held in a workspace (method-spec §2.4–2.5): input
/// assembly (PBLD, binary block, embeddings), front scale, NTK dense layers z = x·W/√in + b, parametric
/// activations and dropout on hidden layers, and the output layer.
/// </summary>
internal sealed class RealMlpNetwork
{
    private readonly SimdLevel _level;

    public RealMlpNetwork(RealMlpParameters parameters, SimdLevel level)
    {
        Parameters = parameters;
        Architecture = parameters.Architecture;
        _level = level;
    }

    public RealMlpParameters Parameters { get; }

    public RealMlpArchitecture Architecture { get; }

    /// <summary>Builds the first-layer input X0 from the workspace's gathered batch inputs.</summary>
    public void AssembleInput(RealMlpWorkspace w, int rows)
    {
        var arch = Architecture;
        var ld = arch.InputWidth;
        var x0 = w.X0.AsSpan(0, rows * ld);
        var numeric = w.Numeric.AsSpan(0, rows * arch.NumericCount);
        if (w.Pbld is not null)
        {
            PbldEmbedding.Forward(_level, w.Pbld, numeric, rows, x0, ld, Parameters);
        }
        else if (w.Periodic is not null)
        {
            PeriodicEmbedding.Forward(_level, w.Periodic, numeric, rows, x0, ld, Parameters, relu: arch.NumericEmbedding == NumericEmbedding.Plr);
        }

        var size = arch.EmbeddingSize;
        for (var r = 0; r < rows; r++)
        {
            var row = x0.Slice(r * ld, ld);
            if (w.Pbld is null && w.Periodic is null)
            {
                w.Numeric.AsSpan(r * arch.NumericCount, arch.NumericCount).CopyTo(row);
            }

            w.Binary.AsSpan(r * arch.BinaryCount, arch.BinaryCount).CopyTo(row.Slice(arch.BinaryOffset));
            for (var e = 0; e < Parameters.Embeddings.Length; e++)
            {
                var code = w.Codes[(r * Parameters.Embeddings.Length) + e];
                Parameters.Embeddings[e].Value.AsSpan(code * size, size).CopyTo(row.Slice(arch.EmbeddingOffset + (e * size), size));
            }
        }
    }

    /// <summary>
    /// Forward from the assembled X0; returns the network outputs (rows × outputs). With a dropout
    /// probability above 0 (training mode) fresh masks are drawn from <paramref name="rng"/>.
    /// </summary>
    public Span<float> Forward(RealMlpWorkspace w, int rows, float dropout, LaneRandom? rng)
    {
        var arch = Architecture;
        var d = arch.InputWidth;
        if (Parameters.Scale is { } scale)
        {
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Multiply(w.X0.AsSpan(r * d, d), scale.Value, w.X1.AsSpan(r * d, d));
            }
        }
        else
        {
            w.X0.AsSpan(0, rows * d).CopyTo(w.X1);
        }

        var layers = arch.Layers;
        ReadOnlySpan<float> input = w.X1.AsSpan(0, rows * d);
        for (var l = 0; l < layers.Count; l++)
        {
            var (inWidth, outWidth) = layers[l];
            var z = w.Z[l].AsSpan(0, rows * outWidth);
            Gemm.Multiply(_level, input, Parameters.Weights[l].Value, z, rows, inWidth, outWidth);
            var c = arch.LayerScale(inWidth);
            if (l == layers.Count - 1)
            {
                AddScaledBias(z, c, Parameters.Biases[l].Value, rows, outWidth);
                return z;
            }

            var a = w.A[l].AsSpan(0, rows * outWidth);
            var alpha = Parameters.Alphas[l]?.Value ?? [];
            switch (arch.Activation)
            {
                case HiddenActivation.Mish:
                    ParametricActivation.Forward<Mish>(_level, z, c, Parameters.Biases[l].Value, alpha, a, rows, outWidth);
                    break;
                case HiddenActivation.Relu:
                    ParametricActivation.Forward<Relu>(_level, z, c, Parameters.Biases[l].Value, alpha, a, rows, outWidth);
                    break;
                default:
                    ParametricActivation.Forward<Selu>(_level, z, c, Parameters.Biases[l].Value, alpha, a, rows, outWidth);
                    break;
            }

            if (dropout > 0f)
            {
                var mask = w.Mask[l].AsSpan(0, rows * outWidth);
                Dropout.Draw(_level, mask, dropout, rng!);
                TensorPrimitives.Multiply(a, mask, a);
            }

            input = a;
        }

        throw new InvalidOperationException("a network has at least an output layer");
    }

    /// <summary>
    /// Backward from the output gradient (in <see cref="RealMlpWorkspace.GradientA"/>, rows × outputs):
    /// sets the dense weight gradients, accumulates every other gradient (zero them first).
    /// </summary>
    public void Backward(RealMlpWorkspace w, int rows, bool dropout)
    {
        var arch = Architecture;
        var layers = arch.Layers;
        var g = w.GradientA;
        var other = w.GradientB;
        for (var l = layers.Count - 1; l >= 0; l--)
        {
            var (inWidth, outWidth) = layers[l];
            var c = arch.LayerScale(inWidth);
            var gl = g.AsSpan(0, rows * outWidth);
            if (l == layers.Count - 1)
            {
                ColumnSums(gl, Parameters.Biases[l].Gradient, rows, outWidth);
                TensorPrimitives.Multiply(gl, c, gl);
            }
            else
            {
                if (dropout)
                {
                    TensorPrimitives.Multiply(gl, w.Mask[l].AsSpan(0, rows * outWidth), gl);
                }

                var alpha = Parameters.Alphas[l];
                var z = w.Z[l].AsSpan(0, rows * outWidth);
                var av = alpha?.Value ?? [];
                var ag = alpha?.Gradient ?? [];
                var bg = Parameters.Biases[l].Gradient;
                switch (arch.Activation)
                {
                    case HiddenActivation.Mish:
                        ParametricActivation.Backward<Mish>(_level, gl, z, av, ag, bg, c, rows, outWidth);
                        break;
                    case HiddenActivation.Relu:
                        ParametricActivation.Backward<Relu>(_level, gl, z, av, ag, bg, c, rows, outWidth);
                        break;
                    default:
                        ParametricActivation.Backward<Selu>(_level, gl, z, av, ag, bg, c, rows, outWidth);
                        break;
                }
            }

            ReadOnlySpan<float> input = l == 0 ? w.X1.AsSpan(0, rows * inWidth) : w.A[l - 1].AsSpan(0, rows * inWidth);
            Gemm.MultiplyTransposedA(_level, input, gl, Parameters.Weights[l].Gradient, inWidth, rows, outWidth);
            Gemm.MultiplyTransposedB(_level, gl, Parameters.Weights[l].Value, other.AsSpan(0, rows * inWidth), rows, outWidth, inWidth);
            (g, other) = (other, g);
        }

        InputBackward(w, g, rows);
    }

    /// <summary>From dX1 (in <paramref name="g"/>): the front scale, PBLD and embedding gradients.</summary>
    private void InputBackward(RealMlpWorkspace w, float[] g, int rows)
    {
        var arch = Architecture;
        var d = arch.InputWidth;
        if (Parameters.Scale is { } scale)
        {
            for (var r = 0; r < rows; r++)
            {
                var dx = g.AsSpan(r * d, d);
                TensorPrimitives.MultiplyAdd(dx, w.X0.AsSpan(r * d, d), scale.Gradient, scale.Gradient);
                TensorPrimitives.Multiply(dx, scale.Value, dx);
            }
        }

        if (w.Pbld is not null)
        {
            PbldEmbedding.Backward(_level, w.Pbld, g, rows, d, Parameters);
        }
        else if (w.Periodic is not null)
        {
            PeriodicEmbedding.Backward(_level, w.Periodic, g, rows, d, Parameters, relu: arch.NumericEmbedding == NumericEmbedding.Plr);
        }

        var size = arch.EmbeddingSize;
        for (var e = 0; e < Parameters.Embeddings.Length; e++)
        {
            var gradient = Parameters.Embeddings[e].Gradient;
            for (var r = 0; r < rows; r++)
            {
                var code = w.Codes[(r * Parameters.Embeddings.Length) + e];
                TensorPrimitives.Add(gradient.AsSpan(code * size, size), g.AsSpan((r * d) + arch.EmbeddingOffset + (e * size), size), gradient.AsSpan(code * size, size));
            }
        }
    }

    private static void AddScaledBias(Span<float> z, float c, ReadOnlySpan<float> bias, int rows, int cols)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = z.Slice(r * cols, cols);
            TensorPrimitives.MultiplyAdd(row, c, bias, row);
        }
    }

    private static void ColumnSums(ReadOnlySpan<float> g, Span<float> sums, int rows, int cols)
    {
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, g.Slice(r * cols, cols), sums);
        }
    }
}
