using System.Runtime.InteropServices;
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

    /// <summary>Up to this many learned outputs per feature (TD has 3) the backward keeps its sums in registers.</summary>
    private const int FewLearned = 4;

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
        for (var j = 0; j < n; j++)
        {
            if (l <= FewLearned)
            {
                BackwardFew(buffers, j, vectorRows, w2, gW1, gB1, gW2, gB2);
            }
            else
            {
                BackwardVectors(buffers, j, vectorRows, w2, gW1, gB1, gW2, gB2);
            }

            var xj = buffers.XT.AsSpan(j * stride, rows);
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

    /// <summary>The vector rows' gradient sums of feature j for any number of learned outputs, its sums on the stack.</summary>
    private static void BackwardVectors(PbldBuffers buffers, int j, int vectorRows, float[] w2, Span<float> gW1, Span<float> gB1, Span<float> gW2, Span<float> gB2)
    {
        var (h, l, stride) = (buffers.Hidden, buffers.Learned, buffers.Stride);
        Span<Vector512<float>> accW2 = stackalloc Vector512<float>[l * h];
        Span<Vector512<float>> accW1 = stackalloc Vector512<float>[h];
        Span<Vector512<float>> accB1 = stackalloc Vector512<float>[h];
        Span<Vector512<float>> accB2 = stackalloc Vector512<float>[l];
        Span<Vector512<float>> de = stackalloc Vector512<float>[l];
        var xj = buffers.XT.AsSpan(j * stride, vectorRows);
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
    }

    /// <summary>
    /// The vector rows' gradient sums of feature j for at most <see cref="FewLearned"/> learned outputs: one
    /// hidden unit at a time over all rows, so its accumulators stay in registers. Every sum still runs over
    /// the rows in order, so the bits are those of <see cref="BackwardVectors"/>.
    /// </summary>
    private static void BackwardFew(PbldBuffers buffers, int j, int vectorRows, float[] w2, Span<float> gW1, Span<float> gB1, Span<float> gW2, Span<float> gB2)
    {
        var (h, l, stride) = (buffers.Hidden, buffers.Learned, buffers.Stride);
        ref var xT = ref MemoryMarshal.GetArrayDataReference(buffers.XT);
        ref var cosT = ref MemoryMarshal.GetArrayDataReference(buffers.Cos);
        ref var sinT = ref MemoryMarshal.GetArrayDataReference(buffers.Sin);
        ref var eT = ref MemoryMarshal.GetArrayDataReference(buffers.ET);
        var e0 = (nuint)(j * l * stride);
        var (e1, e2, e3) = (e0 + (nuint)stride, e0 + (nuint)(2 * stride), e0 + (nuint)(3 * stride));
        for (var k = 0; k < h; k++)
        {
            var v0 = Vector512.Create(w2[(j * l * h) + k]);
            var v1 = l > 1 ? Vector512.Create(w2[(((j * l) + 1) * h) + k]) : default;
            var v2 = l > 2 ? Vector512.Create(w2[(((j * l) + 2) * h) + k]) : default;
            var v3 = l > 3 ? Vector512.Create(w2[(((j * l) + 3) * h) + k]) : default;
            var (c0, c1, c2, c3) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
            var (w1Sum, b1Sum) = (Vector512<float>.Zero, Vector512<float>.Zero);
            var at = (nuint)(((j * h) + k) * stride);
            for (var r0 = 0; r0 < vectorRows; r0 += 16)
            {
                var r = (nuint)r0;
                var xv = Vector512.LoadUnsafe(ref xT, (nuint)(j * stride) + r) * TwoPi;
                var cos = Vector512.LoadUnsafe(ref cosT, at + r);
                var d0 = Vector512.LoadUnsafe(ref eT, e0 + r);
                c0 = Vector512.FusedMultiplyAdd(cos, d0, c0);
                var dc = Vector512.FusedMultiplyAdd(v0, d0, Vector512<float>.Zero);
                if (l > 1)
                {
                    var d1 = Vector512.LoadUnsafe(ref eT, e1 + r);
                    c1 = Vector512.FusedMultiplyAdd(cos, d1, c1);
                    dc = Vector512.FusedMultiplyAdd(v1, d1, dc);
                }

                if (l > 2)
                {
                    var d2 = Vector512.LoadUnsafe(ref eT, e2 + r);
                    c2 = Vector512.FusedMultiplyAdd(cos, d2, c2);
                    dc = Vector512.FusedMultiplyAdd(v2, d2, dc);
                }

                if (l > 3)
                {
                    var d3 = Vector512.LoadUnsafe(ref eT, e3 + r);
                    c3 = Vector512.FusedMultiplyAdd(cos, d3, c3);
                    dc = Vector512.FusedMultiplyAdd(v3, d3, dc);
                }

                var dArg = -dc * Vector512.LoadUnsafe(ref sinT, at + r);
                b1Sum += dArg;
                w1Sum = Vector512.FusedMultiplyAdd(dArg, xv, w1Sum);
            }

            gW2[(j * l * h) + k] += Vector512.Sum(c0);
            if (l > 1)
            {
                gW2[(((j * l) + 1) * h) + k] += Vector512.Sum(c1);
            }

            if (l > 2)
            {
                gW2[(((j * l) + 2) * h) + k] += Vector512.Sum(c2);
            }

            if (l > 3)
            {
                gW2[(((j * l) + 3) * h) + k] += Vector512.Sum(c3);
            }

            gB1[(j * h) + k] += Vector512.Sum(b1Sum);
            gW1[(j * h) + k] += Vector512.Sum(w1Sum);
        }

        for (var o = 0; o < l; o++)
        {
            var sum = Vector512<float>.Zero;
            for (var r0 = 0; r0 < vectorRows; r0 += 16)
            {
                sum += Vector512.LoadUnsafe(ref eT, (nuint)((((j * l) + o) * stride) + r0));
            }

            gB2[(j * l) + o] += Vector512.Sum(sum);
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
