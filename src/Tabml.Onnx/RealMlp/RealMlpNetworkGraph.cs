using Tabml.Learners.RealMlp;
using Tabml.Numerics.Activations;
using Tabml.Onnx.Graph;
using static Tabml.Onnx.Graph.OnnxAttributes;

namespace Tabml.Onnx.RealMlp;

/// <summary>
/// One RealMLP weight set as graph nodes (method-spec §2.3–2.5, <c>RealMlpNetwork</c> in eval mode): the
/// first-layer input [numeric embeddings | binary block | categorical embeddings], the front scale, NTK
/// dense layers z = (x·W)·(1/√in) + b with parametric activations x + α(f(x) − x), and the output layer.
/// Returns the raw outputs, float [N, outputs].
/// </summary>
internal static class RealMlpNetworkGraph
{
    private const float TwoPi = 2f * MathF.PI;

    public static string Forward(OnnxGraph g, EncodedInputs inputs, RealMlpParameters parameters)
    {
        var arch = parameters.Architecture;
        var blocks = new List<string>();
        if (inputs.Numeric is { } numeric)
        {
            blocks.Add(arch.Pbld || arch.Periodic ? NumericEmbedding(g, numeric, parameters) : numeric);
        }

        if (inputs.Binary is { } binary)
        {
            blocks.Add(binary);
        }

        for (var e = 0; e < parameters.Embeddings.Length; e++)
        {
            var table = g.Constant("embedding", parameters.Embeddings[e].Value, arch.EmbeddingCatSizes[e], arch.EmbeddingSize);
            blocks.Add(g.Gather(table, inputs.EmbeddingCodes[e]));
        }

        var x = g.Concat(blocks, 1);
        if (parameters.Scale is { } scale)
        {
            x = g.Mul(x, g.Constant("scale", scale.Value, arch.InputWidth));
        }

        var layers = arch.Layers;
        for (var l = 0; l < layers.Count; l++)
        {
            var (inWidth, outWidth) = layers[l];
            var weight = g.Constant("weight", parameters.Weights[l].Value, inWidth, outWidth);
            var z = g.Add(g.Mul(g.MatMul(x, weight), g.Scalar(arch.LayerScale(inWidth))), g.Constant("bias", parameters.Biases[l].Value, outWidth));
            x = l == layers.Count - 1 ? z : Activation(g, arch, z, parameters.Alphas[l], outWidth);
        }

        return x;
    }

    /// <summary>f(z), or z + α(f(z) − z) with one α per unit.</summary>
    private static string Activation(OnnxGraph g, RealMlpArchitecture arch, string z, Parameter? alpha, int width)
    {
        var f = arch.Activation switch
        {
            HiddenActivation.Mish => g.Node("Mish", [z]),
            HiddenActivation.Relu => g.Relu(z),
            HiddenActivation.Selu => g.Node("Selu", [z], Float("alpha", Selu.Alpha), Float("gamma", Selu.Lambda)),
            _ => throw new InvalidOperationException($"unknown activation '{arch.Activation}'"),
        };
        return alpha is null ? f : g.Add(g.Mul(g.Sub(f, z), g.Constant("alpha", alpha.Value, width)), z);
    }

    /// <summary>
    /// PBLD: per feature j, h = cos(2π·x·w1_j + b1_j), e_j = h·W2_jᵀ + b2_j, laid out [e_1 … e_n | x_1 … x_n];
    /// PL/PLR: h = [cos(2π·x·w_j), sin(2π·x·w_j)], e_j = h·W2_jᵀ + b2_j (ReLU for PLR), laid out [e_1 … e_n].
    /// The per-feature products are one batched MatMul over features ([n, N, H] × [n, H, L]).
    /// </summary>
    private static string NumericEmbedding(OnnxGraph g, string x, RealMlpParameters parameters)
    {
        var arch = parameters.Architecture;
        var (n, l) = (arch.NumericCount, arch.EmbeddingLearned);
        var angle = g.Unsqueeze(g.Mul(x, g.Scalar(TwoPi)), 2);
        string hidden;
        int width;
        if (arch.Pbld)
        {
            width = arch.PbldHidden;
            var phase = g.Add(g.Mul(angle, g.Constant("pbld_w1", parameters.NumW1!.Value, n, width)), g.Constant("pbld_b1", parameters.NumB1!.Value, n, width));
            hidden = g.Cos(phase);
        }
        else
        {
            var frequencies = arch.EmbeddingHidden / 2;
            width = 2 * frequencies;
            var phase = g.Mul(angle, g.Constant("plr_w1", parameters.NumW1!.Value, n, frequencies));
            hidden = g.Concat([g.Cos(phase), g.Sin(phase)], 2);
        }

        var w2 = g.Constant("w2", HiddenMajor(parameters.NumW2!.Value, n, l, width), n, width, l);
        var perFeature = g.Transpose(g.MatMul(g.Transpose(hidden, 1, 0, 2), w2), 1, 0, 2);
        var embedded = g.Add(g.Reshape(perFeature, 0, (long)n * l), g.Constant("b2", parameters.NumB2!.Value, n * l));
        if (arch.NumericEmbedding == Learners.RealMlp.NumericEmbedding.Plr)
        {
            embedded = g.Relu(embedded);
        }

        return arch.Pbld ? g.Concat([embedded, x], 1) : embedded;
    }

    /// <summary>W2 is stored [feature][output][hidden]; the batched MatMul wants [feature][hidden][output].</summary>
    private static float[] HiddenMajor(float[] w2, int features, int outputs, int hidden)
    {
        var result = new float[w2.Length];
        for (var j = 0; j < features; j++)
        {
            for (var o = 0; o < outputs; o++)
            {
                for (var k = 0; k < hidden; k++)
                {
                    result[(((j * hidden) + k) * outputs) + o] = w2[(((j * outputs) + o) * hidden) + k];
                }
            }
        }

        return result;
    }
}
