using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// Blocks a product into NR-wide column panels of B (packed contiguously, zero-padded at the edge) and
/// MR-row tiles of A, and runs a micro-kernel on each. Every element of C is summed by one kernel call in
/// the same depth order whatever the thread count, so results do not depend on it. Panels are split across
/// threads; the per-thread scratch is reused, so steady-state calls allocate nothing.
/// </summary>
internal static class GemmDriver
{
    /// <summary>Below this many multiply-adds a fork/join costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 22;

    [ThreadStatic]
    private static float[]? _panel;

    [ThreadStatic]
    private static float[]? _tile;

    /// <param name="a">A, read as A(i, p) = a[i·rowStride + p·depthStride].</param>
    /// <param name="b">B as k×n row-major, or, when <paramref name="bTransposed"/>, as n×k row-major.</param>
    public static void Run<TKernel>(ReadOnlySpan<float> a, nint rowStride, nint depthStride, ReadOnlySpan<float> b, bool bTransposed, Span<float> c, int m, int k, int n, bool accumulate, int threads)
        where TKernel : struct, IGemmKernel
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        var panels = (n + TKernel.Columns - 1) / TKernel.Columns;
        var workers = (int)Math.Min(Math.Min(threads, panels), 1 + ((long)m * n * k / ParallelThreshold));
        if (workers <= 1)
        {
            RunPanels<TKernel>(a, rowStride, depthStride, b, bTransposed, c, m, k, n, accumulate, 0, panels);
            return;
        }

        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                var (aPtr, bPtr, cPtr) = ((nint)pa, (nint)pb, (nint)pc);
                var (aLength, bLength, cLength) = (a.Length, b.Length, c.Length);
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                {
                    var first = (int)((long)panels * w / workers);
                    var last = (int)((long)panels * (w + 1) / workers);
                    RunPanels<TKernel>(
                        new ReadOnlySpan<float>((void*)aPtr, aLength), rowStride, depthStride,
                        new ReadOnlySpan<float>((void*)bPtr, bLength), bTransposed,
                        new Span<float>((void*)cPtr, cLength), m, k, n, accumulate, first, last);
                });
            }
        }
    }

    private static void RunPanels<TKernel>(ReadOnlySpan<float> a, nint rowStride, nint depthStride, ReadOnlySpan<float> b, bool bTransposed, Span<float> c, int m, int k, int n, bool accumulate, int firstPanel, int lastPanel)
        where TKernel : struct, IGemmKernel
    {
        var mr = TKernel.Rows;
        var nr = TKernel.Columns;
        var panel = Scratch(ref _panel, k * nr);
        var tile = Scratch(ref _tile, mr * nr);
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        ref var tile0 = ref MemoryMarshal.GetArrayDataReference(tile);
        ref var panel0 = ref MemoryMarshal.GetArrayDataReference(panel);
        for (var jp = firstPanel; jp < lastPanel; jp++)
        {
            var j0 = jp * nr;
            var width = Math.Min(nr, n - j0);
            Pack(b, bTransposed, k, n, j0, width, nr, panel);
            for (var i0 = 0; i0 < m; i0 += mr)
            {
                var rows = Math.Min(mr, m - i0);
                ref var ai = ref Unsafe.Add(ref a0, i0 * rowStride);
                if (width == nr)
                {
                    ref var ci = ref Unsafe.Add(ref c0, ((nint)i0 * n) + j0);
                    if (rows == mr)
                    {
                        TKernel.Tile(ref ai, rowStride, depthStride, ref panel0, k, ref ci, n, accumulate);
                    }
                    else
                    {
                        TKernel.PartialRows(rows, ref ai, rowStride, depthStride, ref panel0, k, ref ci, n, accumulate);
                    }

                    continue;
                }

                // Edge panel: compute into a full-width tile and copy the valid columns.
                for (var r = 0; r < rows && accumulate; r++)
                {
                    c.Slice(((i0 + r) * n) + j0, width).CopyTo(tile.AsSpan(r * nr, width));
                }

                if (rows == mr)
                {
                    TKernel.Tile(ref ai, rowStride, depthStride, ref panel0, k, ref tile0, nr, accumulate);
                }
                else
                {
                    TKernel.PartialRows(rows, ref ai, rowStride, depthStride, ref panel0, k, ref tile0, nr, accumulate);
                }

                for (var r = 0; r < rows; r++)
                {
                    tile.AsSpan(r * nr, width).CopyTo(c.Slice(((i0 + r) * n) + j0, width));
                }
            }
        }
    }

    /// <summary>Copies columns j0..j0+width of op(B) into panel[p·nr + jj], zero-padding to nr.</summary>
    private static void Pack(ReadOnlySpan<float> b, bool transposed, int k, int n, int j0, int width, int nr, float[] panel)
    {
        var target = panel.AsSpan(0, k * nr);
        if (width < nr)
        {
            target.Clear();
        }

        if (!transposed)
        {
            for (var p = 0; p < k; p++)
            {
                b.Slice((p * n) + j0, width).CopyTo(target.Slice(p * nr, width));
            }

            return;
        }

        for (var jj = 0; jj < width; jj++)
        {
            var row = b.Slice((j0 + jj) * k, k);
            for (var p = 0; p < k; p++)
            {
                target[(p * nr) + jj] = row[p];
            }
        }
    }

    private static float[] Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[Math.Max(length, 1024)];
        }

        return buffer;
    }
}
