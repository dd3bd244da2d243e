using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// PBLD numerical embeddings (method-spec §2.3): per feature j, h = cos(2π·x·w1_j + b1_j) (H values), then
/// e_j = h·W2_j + b2_j (L learned values), followed in the layout by the raw x values. Work is vectorised
/// over rows (16 at a time), one feature and hidden unit at a time, so no horizontal sums are needed in the
/// forward pass; the cos and sin values are cached for the backward pass in [feature][hidden][row] layout.
/// </summary>
internal static class PbldEmbedding
{
    private const float TwoPi = 2f * MathF.PI;

    public static void Forward(SimdLevel level, PbldBuffers buffers, ReadOnlySpan<float> x, int rows, Span<float> x0, int ld, RealMlpParameters parameters)
    {
        var (n, h, l, stride) = (buffers.Features, buffers.Hidden, buffers.Learned, buffers.Stride);
        var w1 = parameters.NumW1!.Value;
        var b1 = parameters.NumB1!.Value;
        var w2 = parameters.NumW2!.Value;
        var b2 = parameters.NumB2!.Value;
        Transpose(x, rows, n, buffers.XT, stride);
        var vectorRows = level == SimdLevel.Vector512 ? rows - (rows % 16) : 0;
        Span<Vector512<float>> acc = stackalloc Vector512<float>[l];
        for (var j = 0; j < n; j++)
        {
            var xj = buffers.XT.AsSpan(j * stride, rows);
            for (var r0 = 0; r0 < vectorRows; r0 += 16)
            {
                var xv = Vector512.Create(xj.Slice(r0, 16)) * TwoPi;
                for (var o = 0; o < l; o++)
                {
                    acc[o] = Vector512.Create(b2[(j * l) + o]);
                }

                for (var k = 0; k < h; k++)
                {
                    var arg = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w1[(j * h) + k]), Vector512.Create(b1[(j * h) + k]));
                    var (sin, cos) = Vector512.SinCos(arg);
                    var at = (((j * h) + k) * stride) + r0;
                    cos.CopyTo(buffers.Cos.AsSpan(at, 16));
                    sin.CopyTo(buffers.Sin.AsSpan(at, 16));
                    for (var o = 0; o < l; o++)
                    {
                        acc[o] = Vector512.FusedMultiplyAdd(cos, Vector512.Create(w2[(((j * l) + o) * h) + k]), acc[o]);
                    }
                }

                for (var o = 0; o < l; o++)
                {
                    acc[o].CopyTo(buffers.ET.AsSpan((((j * l) + o) * stride) + r0, 16));
                }
            }

            for (var r = vectorRows; r < rows; r++)
            {
                var xv = xj[r] * TwoPi;
                for (var o = 0; o < l; o++)
                {
                    buffers.ET[(((j * l) + o) * stride) + r] = b2[(j * l) + o];
                }

                for (var k = 0; k < h; k++)
                {
                    var arg = MathF.FusedMultiplyAdd(xv, w1[(j * h) + k], b1[(j * h) + k]);
                    var (sin, cos) = MathF.SinCos(arg);
                    var at = (((j * h) + k) * stride) + r;
                    buffers.Cos[at] = cos;
                    buffers.Sin[at] = sin;
                    for (var o = 0; o < l; o++)
                    {
                        buffers.ET[(((j * l) + o) * stride) + r] = MathF.FusedMultiplyAdd(cos, w2[(((j * l) + o) * h) + k], buffers.ET[(((j * l) + o) * stride) + r]);
                    }
                }
            }
        }

        for (var r = 0; r < rows; r++)
        {
            var row = x0.Slice(r * ld, ld);
            for (var c = 0; c < n * l; c++)
            {
                row[c] = buffers.ET[(c * stride) + r];
            }

            x.Slice(r * n, n).CopyTo(row.Slice(n * l, n));
        }
    }

    /// <summary>
    /// Accumulates the PBLD gradients from the gradient of the first-layer input (its learned columns) into
    /// <paramref name="sums"/>, laid out as the tensors w1, b1, w2, b2 one after the other.
    /// </summary>
    public static void Backward(SimdLevel level, PbldBuffers buffers, ReadOnlySpan<float> dx0, int rows, int ld, RealMlpParameters parameters, Span<float> sums)
    {
        var (n, h, l, stride) = (buffers.Features, buffers.Hidden, buffers.Learned, buffers.Stride);
        var w2 = parameters.NumW2!.Value;
        var gW1 = sums[..(n * h)];
        var gB1 = sums.Slice(n * h, n * h);
        var gW2 = sums.Slice(2 * n * h, n * l * h);
        var gB2 = sums.Slice((2 * n * h) + (n * l * h), n * l);
        for (var r = 0; r < rows; r++)
        {
            var row = dx0.Slice(r * ld, n * l);
            for (var c = 0; c < n * l; c++)
            {
                buffers.ET[(c * stride) + r] = row[c];
            }
        }

        var vectorRows = level == SimdLevel.Vector512 ? rows - (rows % 16) : 0;
        Span<Vector512<float>> accW2 = stackalloc Vector512<float>[l * h];
        Span<Vector512<float>> accW1 = stackalloc Vector512<float>[h];
        Span<Vector512<float>> accB1 = stackalloc Vector512<float>[h];
        Span<Vector512<float>> accB2 = stackalloc Vector512<float>[l];
        Span<Vector512<float>> de = stackalloc Vector512<float>[l];
        for (var j = 0; j < n; j++)
        {
            accW2.Clear();
            accW1.Clear();
            accB1.Clear();
            accB2.Clear();
            var xj = buffers.XT.AsSpan(j * stride, rows);
            for (var r0 = 0; r0 < vectorRows; r0 += 16)
            {
                var xv = Vector512.Create(xj.Slice(r0, 16)) * TwoPi;
                for (var o = 0; o < l; o++)
                {
                    de[o] = Vector512.Create(buffers.ET.AsSpan((((j * l) + o) * stride) + r0, 16));
                    accB2[o] += de[o];
                }

                for (var k = 0; k < h; k++)
                {
                    var at = (((j * h) + k) * stride) + r0;
                    var cos = Vector512.Create(buffers.Cos.AsSpan(at, 16));
                    var dc = Vector512<float>.Zero;
                    for (var o = 0; o < l; o++)
                    {
                        accW2[(o * h) + k] = Vector512.FusedMultiplyAdd(cos, de[o], accW2[(o * h) + k]);
                        dc = Vector512.FusedMultiplyAdd(Vector512.Create(w2[(((j * l) + o) * h) + k]), de[o], dc);
                    }

                    var dArg = -dc * Vector512.Create(buffers.Sin.AsSpan(at, 16));
                    accB1[k] += dArg;
                    accW1[k] = Vector512.FusedMultiplyAdd(dArg, xv, accW1[k]);
                }
            }

            for (var o = 0; o < l; o++)
            {
                gB2[(j * l) + o] += Vector512.Sum(accB2[o]);
                for (var k = 0; k < h; k++)
                {
                    gW2[(((j * l) + o) * h) + k] += Vector512.Sum(accW2[(o * h) + k]);
                }
            }

            for (var k = 0; k < h; k++)
            {
                gB1[(j * h) + k] += Vector512.Sum(accB1[k]);
                gW1[(j * h) + k] += Vector512.Sum(accW1[k]);
            }

            for (var r = vectorRows; r < rows; r++)
            {
                var xv = xj[r] * TwoPi;
                for (var k = 0; k < h; k++)
                {
                    var at = (((j * h) + k) * stride) + r;
                    var dc = 0f;
                    for (var o = 0; o < l; o++)
                    {
                        var d = buffers.ET[(((j * l) + o) * stride) + r];
                        gW2[(((j * l) + o) * h) + k] += buffers.Cos[at] * d;
                        dc += w2[(((j * l) + o) * h) + k] * d;
                    }

                    var dArg = -dc * buffers.Sin[at];
                    gB1[(j * h) + k] += dArg;
                    gW1[(j * h) + k] += dArg * xv;
                }

                for (var o = 0; o < l; o++)
                {
                    gB2[(j * l) + o] += buffers.ET[(((j * l) + o) * stride) + r];
                }
            }
        }
    }

    private static void Transpose(ReadOnlySpan<float> x, int rows, int n, float[] xT, int stride)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < n; j++)
            {
                xT[(j * stride) + r] = x[(r * n) + j];
            }
        }
    }
}

/// <summary>Per-batch scratch of the PBLD layer: transposed inputs, cached cos/sin, transposed outputs.</summary>
internal sealed class PbldBuffers
{
    public PbldBuffers(int features, int hidden, int learned, int stride)
    {
        Features = features;
        Hidden = hidden;
        Learned = learned;
        Stride = stride;
        XT = new float[features * stride];
        Cos = new float[features * hidden * stride];
        Sin = new float[features * hidden * stride];
        ET = new float[features * learned * stride];
    }

    public int Features { get; }

    public int Hidden { get; }

    public int Learned { get; }

    /// <summary>Row capacity: the distance between features in the transposed buffers.</summary>
    public int Stride { get; }

    public float[] XT { get; }

    public float[] Cos { get; }

    public float[] Sin { get; }

    public float[] ET { get; }
}
