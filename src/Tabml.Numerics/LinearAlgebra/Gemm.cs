using System.Buffers;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// The three float32 products of a dense layer on plain row-major matrices (densely packed):
/// <list type="bullet">
/// <item>Multiply: C[m×n] (+)= A[m×k]·B[k×n] (forward, X·W)</item>
/// <item>MultiplyTransposedB: C[m×n] (+)= A[m×k]·B[n×k]ᵀ (input gradient, dY·Wᵀ)</item>
/// <item>MultiplyTransposedA: C[m×n] (+)= A[k×m]ᵀ·B[k×n] (weight gradient, Xᵀ·dY)</item>
/// </list>
/// Each call packs B into panels and runs <see cref="PanelGemm"/> with a row-major store, at the level
/// <see cref="SimdSupport.Active"/> chooses (or a given one). The training loop packs its weights once per
/// update and calls <see cref="PanelGemm"/> directly. Results are identical for every thread count (each
/// element is summed in the same order by one kernel call).
/// </summary>
public static class Gemm
{
    /// <summary>Below this many multiply-adds a fork/join costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 22;

    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1) =>
        Multiply(SimdSupport.Active, a, b, c, m, k, n, accumulate, threads);

    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1) =>
        MultiplyTransposedB(SimdSupport.Active, a, b, c, m, k, n, accumulate, threads);

    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1) =>
        MultiplyTransposedA(SimdSupport.Active, a, b, c, m, k, n, accumulate, threads);

    /// <summary>The same products with a chosen instruction set (tests run each one).</summary>
    public static void Multiply(SimdLevel level, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        Check(a, (long)m * k, b, (long)k * n, c, (long)m * n, m, k, n);
        Run(level, a, StridedOperand.RowMajor(k), b, bTransposed: false, c, m, k, n, accumulate, threads);
    }

    public static void MultiplyTransposedB(SimdLevel level, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        Check(a, (long)m * k, b, (long)n * k, c, (long)m * n, m, k, n);
        Run(level, a, StridedOperand.RowMajor(k), b, bTransposed: true, c, m, k, n, accumulate, threads);
    }

    public static void MultiplyTransposedA(SimdLevel level, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        Check(a, (long)k * m, b, (long)k * n, c, (long)m * n, m, k, n);
        Run(level, a, StridedOperand.Transposed(m), b, bTransposed: false, c, m, k, n, accumulate, threads);
    }

    private static void Run(SimdLevel level, ReadOnlySpan<float> a, StridedOperand op, ReadOnlySpan<float> b, bool bTransposed, Span<float> c, int m, int k, int n, bool accumulate, int threads)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        var length = PanelGemm.PackedLength(level, k, n);
        var packed = ArrayPool<float>.Shared.Rent(Math.Max(1, length));
        try
        {
            PanelGemm.Pack(level, b, bTransposed, k, n, packed);
            var panels = PanelGemm.Panels(level, n);
            var workers = (int)Math.Min(Math.Min(threads, panels), 1 + ((long)m * n * k / ParallelThreshold));
            if (workers <= 1)
            {
                var output = new RowMajorOutput(c, m, n, n, accumulate);
                PanelGemm.Multiply(level, a, op, m, k, packed, n, 0, panels, ref output);
                return;
            }

            RunParallel(level, a, op, packed, c, m, k, n, accumulate, panels, workers);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packed);
        }
    }

    private static unsafe void RunParallel(SimdLevel level, ReadOnlySpan<float> a, StridedOperand op, float[] packed, Span<float> c, int m, int k, int n, bool accumulate, int panels, int workers)
    {
        fixed (float* pa = a, pc = c)
        {
            var (aPtr, cPtr, aLength, cLength) = ((nint)pa, (nint)pc, a.Length, c.Length);
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                var output = new RowMajorOutput(new Span<float>((void*)cPtr, cLength), m, n, n, accumulate);
                var first = (int)((long)panels * w / workers);
                var last = (int)((long)panels * (w + 1) / workers);
                PanelGemm.Multiply(level, new ReadOnlySpan<float>((void*)aPtr, aLength), op, m, k, packed, n, first, last, ref output);
            });
        }
    }

    private static void Check(ReadOnlySpan<float> a, long aLength, ReadOnlySpan<float> b, long bLength, Span<float> c, long cLength, int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0)
        {
            ThrowHelper.Argument($"negative matrix dimension: {m} × {k} × {n}");
        }

        if (a.Length < aLength || b.Length < bLength || c.Length < cLength)
        {
            ThrowHelper.Argument($"matrix spans too short for the shape: A {a.Length}/{aLength}, B {b.Length}/{bLength}, C {c.Length}/{cLength}");
        }
    }
}
