namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// The three float32 products of a dense layer, all matrices row-major and densely packed:
/// <list type="bullet">
/// <item><see cref="Multiply"/>: C[m×n] (+)= A[m×k]·B[k×n] (forward, X·W)</item>
/// <item><see cref="MultiplyTransposedB"/>: C[m×n] (+)= A[m×k]·B[n×k]ᵀ (input gradient, dY·Wᵀ)</item>
/// <item><see cref="MultiplyTransposedA"/>: C[m×n] (+)= A[k×m]ᵀ·B[k×n] (weight gradient, Xᵀ·dY)</item>
/// </list>
/// This first version is the plain reference loop; the SIMD kernels replace it behind the same API.
/// </summary>
public static class Gemm
{
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        _ = threads;
        for (var i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            if (!accumulate)
            {
                cRow.Clear();
            }

            for (var p = 0; p < k; p++)
            {
                var aip = a[(i * k) + p];
                var bRow = b.Slice(p * n, n);
                for (var j = 0; j < n; j++)
                {
                    cRow[j] += aip * bRow[j];
                }
            }
        }
    }

    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        _ = threads;
        for (var i = 0; i < m; i++)
        {
            var aRow = a.Slice(i * k, k);
            for (var j = 0; j < n; j++)
            {
                var bRow = b.Slice(j * k, k);
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum += aRow[p] * bRow[p];
                }

                c[(i * n) + j] = accumulate ? c[(i * n) + j] + sum : sum;
            }
        }
    }

    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false, int threads = 1)
    {
        _ = threads;
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }

        for (var p = 0; p < k; p++)
        {
            var bRow = b.Slice(p * n, n);
            for (var i = 0; i < m; i++)
            {
                var api = a[(p * m) + i];
                var cRow = c.Slice(i * n, n);
                for (var j = 0; j < n; j++)
                {
                    cRow[j] += api * bRow[j];
                }
            }
        }
    }
}
