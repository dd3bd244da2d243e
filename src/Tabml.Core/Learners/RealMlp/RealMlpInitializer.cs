using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// Initialisation (method-spec §2.3, §2.5): PBLD w1 ~ N(0, σ²), b1 ~ U[−π, π], W2, b2 ~ U[±1/√H];
/// embeddings ~ N(0, 1); front scale 1; α 1. Each dense layer in turn, on the fitting rows in eval mode with
/// the earlier layers already initialised: "std" draws G ~ N(0, 1) and divides each column by the std of its
/// pre-activation (x·G/√in), so every unit's pre-activation has std 1; "he+5" sets each bias to minus a
/// Dirichlet(1,…,1) combination of that unit's pre-activation on 5 random rows. TD-S instead draws weights
/// and biases from N(0, 1) and starts the output layer at zero.
/// </summary>
internal static class RealMlpInitializer
{
    public static void Initialize(RealMlpNetwork network, RealMlpSettings settings, EncodedRows fitRows, DeterministicRandom rng, SimdLevel level)
    {
        var parameters = network.Parameters;
        var arch = network.Architecture;
        InitializeEmbeddings(parameters, settings, rng);
        var input = AssembleAll(network, fitRows);
        var rows = fitRows.Count;
        var layers = arch.Layers;
        for (var l = 0; l < layers.Count; l++)
        {
            var (inWidth, outWidth) = layers[l];
            var weight = parameters.Weights[l].Value;
            var bias = parameters.Biases[l].Value;
            var isOutput = l == layers.Count - 1;
            if (isOutput && settings.ZeroOutputInit)
            {
                Array.Clear(weight);
                Array.Clear(bias);
                break;
            }

            var glorot = Math.Sqrt(6.0 / (inWidth + outWidth));
            for (var i = 0; i < weight.Length; i++)
            {
                weight[i] = settings.WeightInitMode == WeightInit.Glorot ? (float)rng.NextUniform(-glorot, glorot) : (float)rng.NextGaussian();
            }

            var z = new float[rows * outWidth];
            Gemm.Multiply(level, input, weight, z, rows, inWidth, outWidth);
            var c = arch.LayerScale(inWidth);
            for (var i = 0; i < z.Length; i++)
            {
                z[i] *= c;
            }

            if (settings.WeightInitMode == WeightInit.Std)
            {
                NormalizeColumns(weight, z, rows, inWidth, outWidth);
            }

            if (settings.BiasInitMode == BiasInit.HePlus5)
            {
                HePlusFive(bias, z, rows, outWidth, rng);
            }
            else if (settings.BiasInitMode == BiasInit.Normal)
            {
                for (var j = 0; j < outWidth; j++)
                {
                    bias[j] = (float)rng.NextGaussian();
                }
            }
            else
            {
                Array.Clear(bias);
            }

            if (isOutput)
            {
                break;
            }

            // The next layer's input: the activation (α = 1 at init, so the plain f) in eval mode.
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < outWidth; j++)
                {
                    var v = z[(r * outWidth) + j] + bias[j];
                    z[(r * outWidth) + j] = network.Activate(v);
                }
            }

            input = z;
        }

        network.PackAll();
    }

    private static void InitializeEmbeddings(RealMlpParameters parameters, RealMlpSettings settings, DeterministicRandom rng)
    {
        var bound = 1.0 / Math.Sqrt(settings.PlrHidden1);
        if (parameters.NumW1 is not null && parameters.NumB1 is null)
        {
            // PL / PLR: frequencies ~ N(0, σ²), the linear layer ~ U[±1/√H].
            Fill(parameters.NumW1.Value, () => settings.PlrSigma * rng.NextGaussian());
            Fill(parameters.NumW2!.Value, () => rng.NextUniform(-bound, bound));
            Fill(parameters.NumB2!.Value, () => rng.NextUniform(-bound, bound));
        }
        else if (parameters.NumW1 is not null)
        {
            Fill(parameters.NumW1.Value, () => settings.PlrSigma * rng.NextGaussian());
            Fill(parameters.NumB1!.Value, () => rng.NextUniform(-Math.PI, Math.PI));
            Fill(parameters.NumW2!.Value, () => rng.NextUniform(-bound, bound));
            Fill(parameters.NumB2!.Value, () => rng.NextUniform(-bound, bound));
        }

        foreach (var table in parameters.Embeddings)
        {
            Fill(table.Value, rng.NextGaussian);
        }
    }

    /// <summary>The first-layer input (after the front scale, which is 1 at init) of every fitting row.</summary>
    private static float[] AssembleAll(RealMlpNetwork network, EncodedRows fitRows)
    {
        var arch = network.Architecture;
        var width = arch.InputWidth;
        var all = new float[fitRows.Count * width];
        var scratch = RealMlpEvaluator.Scratch(network).For(0);
        for (var start = 0; start < fitRows.Count; start += scratch.Capacity)
        {
            var count = Math.Min(scratch.Capacity, fitRows.Count - start);
            InputBlock.Gather(fitRows, start, count, scratch);
            InputBlock.Assemble(network, scratch, count);
            scratch.X0.AsSpan(0, count * width).CopyTo(all.AsSpan(start * width));
        }

        if (network.Parameters.Scale is { } scale)
        {
            for (var r = 0; r < fitRows.Count; r++)
            {
                for (var j = 0; j < width; j++)
                {
                    all[(r * width) + j] *= scale.Value[j];
                }
            }
        }

        return all;
    }

    /// <summary>W ← G / s_j and z ← z / s_j, with s_j the population std of column j of z (1 when it is 0).</summary>
    private static void NormalizeColumns(float[] weight, float[] z, int rows, int inWidth, int outWidth)
    {
        var std = new double[outWidth];
        var mean = new double[outWidth];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outWidth; j++)
            {
                mean[j] += z[(r * outWidth) + j];
            }
        }

        for (var j = 0; j < outWidth; j++)
        {
            mean[j] /= rows;
        }

        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outWidth; j++)
            {
                var d = z[(r * outWidth) + j] - mean[j];
                std[j] += d * d;
            }
        }

        var inverse = new float[outWidth];
        for (var j = 0; j < outWidth; j++)
        {
            var s = Math.Sqrt(std[j] / rows);
            inverse[j] = s > 0 && double.IsFinite(s) ? (float)(1.0 / s) : 1f;
        }

        for (var i = 0; i < inWidth; i++)
        {
            for (var j = 0; j < outWidth; j++)
            {
                weight[(i * outWidth) + j] *= inverse[j];
            }
        }

        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < outWidth; j++)
            {
                z[(r * outWidth) + j] *= inverse[j];
            }
        }
    }

    private static void HePlusFive(float[] bias, float[] z, int rows, int outWidth, DeterministicRandom rng)
    {
        Span<int> picks = stackalloc int[5];
        Span<double> weights = stackalloc double[5];
        for (var j = 0; j < outWidth; j++)
        {
            var total = 0.0;
            for (var k = 0; k < 5; k++)
            {
                picks[k] = rng.NextInt(rows);
                weights[k] = rng.NextExponential();
                total += weights[k];
            }

            var b = 0.0;
            for (var k = 0; k < 5; k++)
            {
                b -= weights[k] / total * z[(picks[k] * outWidth) + j];
            }

            bias[j] = (float)b;
        }
    }

    private static void Fill(float[] values, Func<double> draw)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)draw();
        }
    }
}
