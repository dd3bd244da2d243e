using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// A float64 re-implementation of the RealMLP forward pass and loss (method-spec §2.3–2.7), written
/// straight from the formulas, used for central finite differences against the engine's gradients.
/// </summary>
internal sealed class ReferenceNetwork
{
    private readonly RealMlpArchitecture _arch;

    public ReferenceNetwork(RealMlpParameters parameters)
    {
        _arch = parameters.Architecture;
        Values = parameters.All.ToDictionary(p => p.Name, p => p.Value.Select(v => (double)v).ToArray());
    }

    /// <summary>Parameter values by tensor name, in float64; perturb them for finite differences.</summary>
    public Dictionary<string, double[]> Values { get; }

    /// <summary>The batch loss: soft-label cross-entropy (labels) or MSE (values).</summary>
    public double Loss(EncodedRows rows, float[][] masks, int[]? labels, double smoothing, float[]? targets)
    {
        var output = Forward(rows, masks);
        var n = rows.Count;
        var loss = 0.0;
        for (var r = 0; r < n; r++)
        {
            if (labels is not null)
            {
                var c = _arch.Outputs;
                var z = output.AsSpan(r * c, c);
                var max = double.NegativeInfinity;
                foreach (var v in z)
                {
                    max = Math.Max(max, v);
                }

                var logSum = max + Math.Log(z.ToArray().Sum(v => Math.Exp(v - max)));
                for (var k = 0; k < c; k++)
                {
                    var target = (k == labels[r] ? 1 - smoothing : 0) + (smoothing / c);
                    loss -= target * (z[k] - logSum);
                }
            }
            else
            {
                var d = output[r] - targets![r];
                loss += d * d;
            }
        }

        return loss / n;
    }

    public double[] Forward(EncodedRows rows, float[][] masks)
    {
        var n = rows.Count;
        var input = Input(rows);
        var layers = _arch.Layers;
        for (var l = 0; l < layers.Count; l++)
        {
            var (inWidth, outWidth) = layers[l];
            var w = Values[$"layer{l}.weight"];
            var b = Values[$"layer{l}.bias"];
            var next = new double[n * outWidth];
            for (var r = 0; r < n; r++)
            {
                for (var j = 0; j < outWidth; j++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < inWidth; i++)
                    {
                        sum += input[(r * inWidth) + i] * w[(i * outWidth) + j];
                    }

                    var z = (_arch.Ntk ? sum / Math.Sqrt(inWidth) : sum) + b[j];
                    if (l < layers.Count - 1)
                    {
                        var f = _arch.Activation switch { HiddenActivation.Mish => Mish(z), HiddenActivation.Relu => Math.Max(z, 0), _ => Selu(z) };
                        var a = Values.TryGetValue($"layer{l}.alpha", out var alpha) ? z + (alpha[j] * (f - z)) : f;
                        z = a * masks[l][(r * outWidth) + j];
                    }

                    next[(r * outWidth) + j] = z;
                }
            }

            input = next;
        }

        return input;
    }

    private double[] Input(EncodedRows rows)
    {
        var n = rows.Count;
        var d = _arch.InputWidth;
        var x0 = new double[n * d];
        var nn = _arch.NumericCount;
        var l = _arch.PbldLearned;
        var h = _arch.PbldHidden;
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < nn; j++)
            {
                double x = rows.Numeric[(r * nn) + j];
                if (_arch.Periodic)
                {
                    var f = h / 2;
                    for (var o = 0; o < l; o++)
                    {
                        var e = Values["plr.b2"][(j * l) + o];
                        for (var k = 0; k < f; k++)
                        {
                            var a = 2 * Math.PI * x * Values["plr.w1"][(j * f) + k];
                            e += (Math.Cos(a) * Values["plr.w2"][(((j * l) + o) * h) + k]) + (Math.Sin(a) * Values["plr.w2"][(((j * l) + o) * h) + f + k]);
                        }

                        x0[(r * d) + (j * l) + o] = _arch.NumericEmbedding == NumericEmbedding.Plr ? Math.Max(e, 0) : e;
                    }

                    continue;
                }

                if (!_arch.Pbld)
                {
                    x0[(r * d) + j] = x;
                    continue;
                }

                for (var o = 0; o < l; o++)
                {
                    var e = Values["pbld.b2"][(j * l) + o];
                    for (var k = 0; k < h; k++)
                    {
                        var cos = Math.Cos((2 * Math.PI * x * Values["pbld.w1"][(j * h) + k]) + Values["pbld.b1"][(j * h) + k]);
                        e += cos * Values["pbld.w2"][(((j * l) + o) * h) + k];
                    }

                    x0[(r * d) + (j * l) + o] = e;
                }

                x0[(r * d) + (nn * l) + j] = x;
            }

            for (var j = 0; j < _arch.BinaryCount; j++)
            {
                x0[(r * d) + _arch.BinaryOffset + j] = rows.Binary[(r * _arch.BinaryCount) + j];
            }

            for (var e = 0; e < _arch.EmbeddingCatSizes.Count; e++)
            {
                var code = rows.Codes[(r * _arch.EmbeddingCatSizes.Count) + e];
                for (var q = 0; q < _arch.EmbeddingSize; q++)
                {
                    x0[(r * d) + _arch.EmbeddingOffset + (e * _arch.EmbeddingSize) + q] = Values[$"embedding{e}"][(code * _arch.EmbeddingSize) + q];
                }
            }
        }

        if (Values.TryGetValue("scale", out var scale))
        {
            for (var i = 0; i < x0.Length; i++)
            {
                x0[i] *= scale[i % d];
            }
        }

        return x0;
    }

    public static double Selu(double x) => x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * (Math.Exp(x) - 1);

    public static double Mish(double x) => x * Math.Tanh(x > 20 ? x : Math.Log(1 + Math.Exp(x)));
}
