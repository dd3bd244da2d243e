using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// PL and PLR numerical embeddings (method-spec §6, used by RealMLP-HPO): per feature j, F frequencies
/// w_j ~ N(0, σ²) give [cos(2π·x·w_j), sin(2π·x·w_j)] (2F values), a linear map to L outputs follows, and a
/// ReLU for PLR; there is no phase bias and no raw-value (DenseNet) part. Vectorised over rows like PBLD.
/// </summary>
internal static class PeriodicEmbedding
{
    private const float TwoPi = 2f * MathF.PI;

    public static void Forward(SimdLevel level, PeriodicBuffers b, ReadOnlySpan<float> x, int rows, Span<float> x0, int ld, RealMlpParameters parameters, bool relu)
    {
        var (n, f, l, stride) = (b.Features, b.Frequencies, b.Outputs, b.Stride);
        var w1 = parameters.NumW1!.Value;
        var w2 = parameters.NumW2!.Value;
        var b2 = parameters.NumB2!.Value;
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < n; j++)
            {
                b.XT[(j * stride) + r] = x[(r * n) + j];
            }
        }

        var vectorRows = level == SimdLevel.Vector512 ? rows - (rows % 16) : 0;
        Span<Vector512<float>> acc = stackalloc Vector512<float>[l];
        for (var j = 0; j < n; j++)
        {
            var xj = b.XT.AsSpan(j * stride, rows);
            for (var r0 = 0; r0 < vectorRows; r0 += 16)
            {
                var xv = Vector512.Create(xj.Slice(r0, 16)) * TwoPi;
                for (var o = 0; o < l; o++)
                {
                    acc[o] = Vector512.Create(b2[(j * l) + o]);
                }

                for (var k = 0; k < f; k++)
                {
                    var (sin, cos) = Vector512.SinCos(xv * Vector512.Create(w1[(j * f) + k]));
                    var at = (((j * f) + k) * stride) + r0;
                    cos.CopyTo(b.Cos.AsSpan(at, 16));
                    sin.CopyTo(b.Sin.AsSpan(at, 16));
                    for (var o = 0; o < l; o++)
                    {
                        var row = ((j * l) + o) * 2 * f;
                        acc[o] = Vector512.FusedMultiplyAdd(cos, Vector512.Create(w2[row + k]), acc[o]);
                        acc[o] = Vector512.FusedMultiplyAdd(sin, Vector512.Create(w2[row + f + k]), acc[o]);
                    }
                }

                for (var o = 0; o < l; o++)
                {
                    (relu ? Vector512.Max(acc[o], Vector512<float>.Zero) : acc[o]).CopyTo(b.ET.AsSpan((((j * l) + o) * stride) + r0, 16));
                }
            }

            for (var r = vectorRows; r < rows; r++)
            {
                var xv = xj[r] * TwoPi;
                for (var o = 0; o < l; o++)
                {
                    var e = b2[(j * l) + o];
                    var row = ((j * l) + o) * 2 * f;
                    for (var k = 0; k < f; k++)
                    {
                        var (sin, cos) = MathF.SinCos(xv * w1[(j * f) + k]);
                        if (o == 0)
                        {
                            b.Cos[(((j * f) + k) * stride) + r] = cos;
                            b.Sin[(((j * f) + k) * stride) + r] = sin;
                        }

                        e = MathF.FusedMultiplyAdd(cos, w2[row + k], e);
                        e = MathF.FusedMultiplyAdd(sin, w2[row + f + k], e);
                    }

                    b.ET[(((j * l) + o) * stride) + r] = relu ? MathF.Max(e, 0f) : e;
                }
            }
        }

        for (var r = 0; r < rows; r++)
        {
            var row = x0.Slice(r * ld, ld);
            for (var c = 0; c < n * l; c++)
            {
                row[c] = b.ET[(c * stride) + r];
            }
        }
    }

    /// <summary>Accumulates the PL/PLR gradients into <paramref name="sums"/>, laid out as the tensors w1, w2, b2 one after the other.</summary>
    public static void Backward(SimdLevel level, PeriodicBuffers b, ReadOnlySpan<float> dx0, int rows, int ld, RealMlpParameters parameters, bool relu, Span<float> sums)
    {
        var (n, f, l, stride) = (b.Features, b.Frequencies, b.Outputs, b.Stride);
        var w2 = parameters.NumW2!.Value;
        var gW1 = sums[..(n * f)];
        var gW2 = sums.Slice(n * f, n * l * 2 * f);
        var gB2 = sums.Slice((n * f) + (n * l * 2 * f), n * l);
        for (var r = 0; r < rows; r++)
        {
            var row = dx0.Slice(r * ld, n * l);
            for (var c = 0; c < n * l; c++)
            {
                // Through the ReLU: the stored output is positive exactly where the gradient passes.
                b.DT[(c * stride) + r] = relu && b.ET[(c * stride) + r] <= 0f ? 0f : row[c];
            }
        }

        var vectorRows = level == SimdLevel.Vector512 ? rows - (rows % 16) : 0;
        Span<Vector512<float>> accW2 = stackalloc Vector512<float>[l * 2 * f];
        Span<Vector512<float>> accW1 = stackalloc Vector512<float>[f];
        Span<Vector512<float>> accB2 = stackalloc Vector512<float>[l];
        Span<Vector512<float>> de = stackalloc Vector512<float>[l];
        for (var j = 0; j < n; j++)
        {
            accW2.Clear();
            accW1.Clear();
            accB2.Clear();
            var xj = b.XT.AsSpan(j * stride, rows);
            for (var r0 = 0; r0 < vectorRows; r0 += 16)
            {
                var xv = Vector512.Create(xj.Slice(r0, 16)) * TwoPi;
                for (var o = 0; o < l; o++)
                {
                    de[o] = Vector512.Create(b.DT.AsSpan((((j * l) + o) * stride) + r0, 16));
                    accB2[o] += de[o];
                }

                for (var k = 0; k < f; k++)
                {
                    var at = (((j * f) + k) * stride) + r0;
                    var cos = Vector512.Create(b.Cos.AsSpan(at, 16));
                    var sin = Vector512.Create(b.Sin.AsSpan(at, 16));
                    var dCos = Vector512<float>.Zero;
                    var dSin = Vector512<float>.Zero;
                    for (var o = 0; o < l; o++)
                    {
                        var row = ((j * l) + o) * 2 * f;
                        accW2[(o * 2 * f) + k] = Vector512.FusedMultiplyAdd(cos, de[o], accW2[(o * 2 * f) + k]);
                        accW2[(o * 2 * f) + f + k] = Vector512.FusedMultiplyAdd(sin, de[o], accW2[(o * 2 * f) + f + k]);
                        dCos = Vector512.FusedMultiplyAdd(Vector512.Create(w2[row + k]), de[o], dCos);
                        dSin = Vector512.FusedMultiplyAdd(Vector512.Create(w2[row + f + k]), de[o], dSin);
                    }

                    // d/da of (cos a, sin a) = (−sin a, cos a); a = 2π·x·w.
                    var dArg = (dSin * cos) - (dCos * sin);
                    accW1[k] = Vector512.FusedMultiplyAdd(dArg, xv, accW1[k]);
                }
            }

            for (var o = 0; o < l; o++)
            {
                gB2[(j * l) + o] += Vector512.Sum(accB2[o]);
                for (var h = 0; h < 2 * f; h++)
                {
                    gW2[(((j * l) + o) * 2 * f) + h] += Vector512.Sum(accW2[(o * 2 * f) + h]);
                }
            }

            for (var k = 0; k < f; k++)
            {
                gW1[(j * f) + k] += Vector512.Sum(accW1[k]);
            }

            for (var r = vectorRows; r < rows; r++)
            {
                var xv = xj[r] * TwoPi;
                for (var k = 0; k < f; k++)
                {
                    var at = (((j * f) + k) * stride) + r;
                    var (cos, sin) = (b.Cos[at], b.Sin[at]);
                    var dCos = 0f;
                    var dSin = 0f;
                    for (var o = 0; o < l; o++)
                    {
                        var d = b.DT[(((j * l) + o) * stride) + r];
                        var row = ((j * l) + o) * 2 * f;
                        gW2[row + k] += cos * d;
                        gW2[row + f + k] += sin * d;
                        dCos += w2[row + k] * d;
                        dSin += w2[row + f + k] * d;
                    }

                    gW1[(j * f) + k] += ((dSin * cos) - (dCos * sin)) * xv;
                }

                for (var o = 0; o < l; o++)
                {
                    gB2[(j * l) + o] += b.DT[(((j * l) + o) * stride) + r];
                }
            }
        }
    }
}

/// <summary>Per-batch scratch of the PL/PLR layer.</summary>
internal sealed class PeriodicBuffers
{
    public PeriodicBuffers(int features, int frequencies, int outputs, int stride)
    {
        Features = features;
        Frequencies = frequencies;
        Outputs = outputs;
        Stride = stride;
        XT = new float[features * stride];
        Cos = new float[features * frequencies * stride];
        Sin = new float[features * frequencies * stride];
        ET = new float[features * outputs * stride];
        DT = new float[features * outputs * stride];
    }

    public int Features { get; }

    public int Frequencies { get; }

    public int Outputs { get; }

    public int Stride { get; }

    public float[] XT { get; }

    public float[] Cos { get; }

    public float[] Sin { get; }

    /// <summary>The outputs (after the ReLU for PLR), transposed.</summary>
    public float[] ET { get; }

    /// <summary>The output gradients, transposed.</summary>
    public float[] DT { get; }
}
