using Tabml.Numerics.Simd;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// The three float32 products of a dense layer, all matrices row-major and densely packed:
/// <list type="bullet">
/// <item>Multiply: C[m×n] (+)= A[m×k]·B[k×n] (forward, X·W)</item>
/// <item>MultiplyTransposedB: C[m×n] (+)= A[m×k]·B[n×k]ᵀ (input gradient, dY·Wᵀ)</item>
/// <item>MultiplyTransposedA: C[m×n] (+)= A[k×m]ᵀ·B[k×n] (weight gradient, Xᵀ·dY)</item>
/// </list>
/// The kernels are register-blocked Vector512 (8×32) or Vector256 (6×16) FMA micro-kernels on packed B
/// panels, or a scalar fallback, chosen by <see cref="SimdSupport.Active"/>. Results are identical for
/// every thread count (each element is summed in the same order by one thread).
/// </summary>
public static class Gemm
{
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1) =>
        Multiply(SimdSupport.Active, a, b, c, m, k, n, accumulate, threads);

    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1) =>
        MultiplyTransposedB(SimdSupport.Active, a, b, c, m, k, n, accumulate, threads);

    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1) =>
        MultiplyTransposedA(SimdSupport.Active, a, b, c, m, k, n, accumulate, threads);

    /// <summary>The same products with a chosen instruction set (tests run each one).</summary>
    public static void Multiply(SimdLevel level, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        Check(a, (long)m * k, b, (long)k * n, c, (long)m * n);
        Run(level, a, k, 1, b, bTransposed: false, c, m, k, n, accumulate, threads);
    }

    public static void MultiplyTransposedB(SimdLevel level, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        Check(a, (long)m * k, b, (long)n * k, c, (long)m * n);
        Run(level, a, k, 1, b, bTransposed: true, c, m, k, n, accumulate, threads);
    }

    public static void MultiplyTransposedA(SimdLevel level, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        Check(a, (long)k * m, b, (long)k * n, c, (long)m * n);
        Run(level, a, 1, m, b, bTransposed: false, c, m, k, n, accumulate, threads);
    }

    private static void Run(SimdLevel level, ReadOnlySpan<float> a, nint rowStride, nint depthStride, ReadOnlySpan<float> b, bool bTransposed, Span<float> c, int m, int k, int n, bool accumulate, int threads)
    {
        switch (level)
        {
            case SimdLevel.Vector512 when SimdSupport.IsAvailable(SimdLevel.Vector512):
                GemmDriver.Run<Vector512Kernel>(a, rowStride, depthStride, b, bTransposed, c, m, k, n, accumulate, threads);
                break;
            case SimdLevel.Vector512 or SimdLevel.Vector256 when SimdSupport.IsAvailable(SimdLevel.Vector256):
                GemmDriver.Run<Vector256Kernel>(a, rowStride, depthStride, b, bTransposed, c, m, k, n, accumulate, threads);
                break;
            default:
                GemmDriver.Run<ScalarKernel>(a, rowStride, depthStride, b, bTransposed, c, m, k, n, accumulate, threads);
                break;
        }
    }

    private static void Check(ReadOnlySpan<float> a, long aLength, ReadOnlySpan<float> b, long bLength, Span<float> c, long cLength)
    {
        if (a.Length < aLength || b.Length < bLength || c.Length < cLength)
        {
            ThrowShape(a.Length, aLength, b.Length, bLength, c.Length, cLength);
        }
    }

    private static void ThrowShape(int a, long needA, int b, long needB, int c, long needC) =>
        throw new ArgumentException($"matrix spans too short for the shape: A {a}/{needA}, B {b}/{needB}, C {c}/{needC}");
}
