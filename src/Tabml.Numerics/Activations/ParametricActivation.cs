using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Activations;

/// <summary>
/// The fused element-wise part of a dense layer with a parametric activation, row-major rows×cols:
/// forward z = c·raw + b, a = z + α⊙(f(z) − z) (α per column; without α, a = f(z));
/// backward dz = da⊙(1 + α⊙(f'(z) − 1)), dα += Σ_rows da⊙(f(z) − z), db += Σ_rows dz, and the scaled
/// gradient c·dz that both weight and input gradient products need. One pass each way, at the width
/// <see cref="SimdLevel"/> selects.
/// </summary>
public static class ParametricActivation
{
    /// <summary>Forward: <paramref name="raw"/> becomes z in place, <paramref name="output"/> receives a.</summary>
    public static void Forward<TFunction>(SimdLevel level, Span<float> raw, float scale, ReadOnlySpan<float> bias, ReadOnlySpan<float> alpha, Span<float> output, int rows, int cols)
        where TFunction : struct, IActivationFunction
    {
        Check(rows, cols, raw.Length, output.Length, bias.Length, alpha.Length, alphaGradient: null);
        level = SimdSupport.Effective(level);
        var parametric = !alpha.IsEmpty;
        for (var r = 0; r < rows; r++)
        {
            ref var z = ref MemoryMarshal.GetReference(raw.Slice(r * cols, cols));
            ref var a = ref MemoryMarshal.GetReference(output.Slice(r * cols, cols));
            ref var b = ref MemoryMarshal.GetReference(bias);
            ref var al = ref MemoryMarshal.GetReference(alpha);
            var j = 0;
            if (level == SimdLevel.Vector512)
            {
                var c = Vector512.Create(scale);
                for (; j <= cols - 16; j += 16)
                {
                    var zv = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref z, (nuint)j), c, Vector512.LoadUnsafe(ref b, (nuint)j));
                    zv.StoreUnsafe(ref z, (nuint)j);
                    var fv = TFunction.Value(zv);
                    var av = parametric ? Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref al, (nuint)j), fv - zv, zv) : fv;
                    av.StoreUnsafe(ref a, (nuint)j);
                }
            }
            else if (level == SimdLevel.Vector256)
            {
                var c = Vector256.Create(scale);
                for (; j <= cols - 8; j += 8)
                {
                    var zv = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref z, (nuint)j), c, Vector256.LoadUnsafe(ref b, (nuint)j));
                    zv.StoreUnsafe(ref z, (nuint)j);
                    var fv = TFunction.Value(zv);
                    var av = parametric ? Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref al, (nuint)j), fv - zv, zv) : fv;
                    av.StoreUnsafe(ref a, (nuint)j);
                }
            }

            for (; j < cols; j++)
            {
                var zs = MathF.FusedMultiplyAdd(Unsafe.Add(ref z, j), scale, Unsafe.Add(ref b, j));
                Unsafe.Add(ref z, j) = zs;
                var fs = TFunction.Value(zs);
                Unsafe.Add(ref a, j) = parametric ? MathF.FusedMultiplyAdd(Unsafe.Add(ref al, j), fs - zs, zs) : fs;
            }
        }
    }

    /// <summary>
    /// Backward: <paramref name="gradient"/> (da) becomes scale·dz in place; dα and db are accumulated.
    /// </summary>
    public static void Backward<TFunction>(SimdLevel level, Span<float> gradient, ReadOnlySpan<float> z, ReadOnlySpan<float> alpha, Span<float> alphaGradient, Span<float> biasGradient, float scale, int rows, int cols)
        where TFunction : struct, IActivationFunction
    {
        Check(rows, cols, gradient.Length, z.Length, biasGradient.Length, alpha.Length, alphaGradient.Length);
        level = SimdSupport.Effective(level);
        var parametric = !alpha.IsEmpty;
        ref var al = ref MemoryMarshal.GetReference(alpha);
        ref var dal = ref MemoryMarshal.GetReference(alphaGradient);
        ref var db = ref MemoryMarshal.GetReference(biasGradient);
        for (var r = 0; r < rows; r++)
        {
            ref var g = ref MemoryMarshal.GetReference(gradient.Slice(r * cols, cols));
            ref var zr = ref MemoryMarshal.GetReference(z.Slice(r * cols, cols));
            var j = 0;
            if (level == SimdLevel.Vector512)
            {
                var c = Vector512.Create(scale);
                for (; j <= cols - 16; j += 16)
                {
                    var gv = Vector512.LoadUnsafe(ref g, (nuint)j);
                    var zv = Vector512.LoadUnsafe(ref zr, (nuint)j);
                    Vector512<float> dz;
                    if (parametric)
                    {
                        var (fz, dv) = TFunction.Both(zv);
                        var alv = Vector512.LoadUnsafe(ref al, (nuint)j);
                        dz = gv * Vector512.FusedMultiplyAdd(alv, dv - Vector512<float>.One, Vector512<float>.One);
                        Vector512.FusedMultiplyAdd(gv, fz - zv, Vector512.LoadUnsafe(ref dal, (nuint)j)).StoreUnsafe(ref dal, (nuint)j);
                    }
                    else
                    {
                        dz = gv * TFunction.Derivative(zv);
                    }

                    (Vector512.LoadUnsafe(ref db, (nuint)j) + dz).StoreUnsafe(ref db, (nuint)j);
                    (dz * c).StoreUnsafe(ref g, (nuint)j);
                }
            }
            else if (level == SimdLevel.Vector256)
            {
                var c = Vector256.Create(scale);
                for (; j <= cols - 8; j += 8)
                {
                    var gv = Vector256.LoadUnsafe(ref g, (nuint)j);
                    var zv = Vector256.LoadUnsafe(ref zr, (nuint)j);
                    Vector256<float> dz;
                    if (parametric)
                    {
                        var (fz, dv) = TFunction.Both(zv);
                        var alv = Vector256.LoadUnsafe(ref al, (nuint)j);
                        dz = gv * Vector256.FusedMultiplyAdd(alv, dv - Vector256<float>.One, Vector256<float>.One);
                        Vector256.FusedMultiplyAdd(gv, fz - zv, Vector256.LoadUnsafe(ref dal, (nuint)j)).StoreUnsafe(ref dal, (nuint)j);
                    }
                    else
                    {
                        dz = gv * TFunction.Derivative(zv);
                    }

                    (Vector256.LoadUnsafe(ref db, (nuint)j) + dz).StoreUnsafe(ref db, (nuint)j);
                    (dz * c).StoreUnsafe(ref g, (nuint)j);
                }
            }

            for (; j < cols; j++)
            {
                var gs = Unsafe.Add(ref g, j);
                var zs = Unsafe.Add(ref zr, j);
                var ds = TFunction.Derivative(zs);
                float dz;
                if (parametric)
                {
                    dz = gs * MathF.FusedMultiplyAdd(Unsafe.Add(ref al, j), ds - 1f, 1f);
                    Unsafe.Add(ref dal, j) = MathF.FusedMultiplyAdd(gs, TFunction.Value(zs) - zs, Unsafe.Add(ref dal, j));
                }
                else
                {
                    dz = gs * ds;
                }

                Unsafe.Add(ref db, j) += dz;
                Unsafe.Add(ref g, j) = dz * scale;
            }
        }
    }

    /// <summary>Both matrices hold rows × cols, the vectors cols; α (and its gradient) are empty or cols long.</summary>
    private static void Check(int rows, int cols, int first, int second, int bias, int alpha, int? alphaGradient)
    {
        if (rows < 0 || cols < 0)
        {
            ThrowHelper.Argument($"negative shape {rows} × {cols}");
        }

        var cells = (long)rows * cols;
        ThrowHelper.IfShorter(first, cells, "the first matrix");
        ThrowHelper.IfShorter(second, cells, "the second matrix");
        ThrowHelper.IfShorter(bias, cols, "the bias");
        if (alpha != 0)
        {
            ThrowHelper.IfShorter(alpha, cols, "α");
            ThrowHelper.IfShorter(alphaGradient ?? cols, cols, "the α gradient");
        }
    }
}
