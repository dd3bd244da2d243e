using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>
/// Packs op(B) (depth × columns) into NR-wide panels: panel j holds op(B)[p, j·NR + jj] at
/// [(j·depth + p)·NR + jj], zero-padded past the last column. B is given row-major as depth × columns, or
/// (transposed) as columns × depth. Ranges let a caller repack only what an update changed.
/// </summary>
internal static class PanelPacking
{
    /// <summary>Packs columns [first, last) of op(B) for every depth step.</summary>
    internal static void Columns(ReadOnlySpan<float> b, bool transposed, int depth, int columns, int first, int last, int nr, Span<float> packed, bool nonTemporal = false)
    {
        // Whole panels of two vectors are copied as vectors (a copy call per 32 floats costs more than the
        // copy); they stream when asked, as every panel of an aligned buffer starts on a cache line.
        var streaming = Streams(nonTemporal, packed);
        var vectors = nr == 2 * Vector512<float>.Count && Vector512.IsHardwareAccelerated;
        for (var j = first; j < last;)
        {
            var panel = j / nr;
            var j0 = panel * nr;
            var end = Math.Min(last, j0 + nr);
            var from = j - j0;
            var width = end - j;
            var target = packed.Slice(panel * depth * nr);
            if (!transposed && vectors && width == nr)
            {
                for (var p = 0; p < depth; p++)
                {
                    Store(Vector512.LoadUnsafe(in b[(p * columns) + j]), ref target[p * nr], streaming);
                    Store(Vector512.LoadUnsafe(in b[(p * columns) + j + 16]), ref target[(p * nr) + 16], streaming);
                }
            }
            else if (!transposed)
            {
                for (var p = 0; p < depth; p++)
                {
                    b.Slice((p * columns) + j, width).CopyTo(target.Slice((p * nr) + from, width));
                }
            }
            else
            {
                for (var jj = 0; jj < width; jj++)
                {
                    var source = b.Slice((j + jj) * depth, depth);
                    for (var p = 0; p < depth; p++)
                    {
                        target[(p * nr) + from + jj] = source[p];
                    }
                }
            }

            if (end == columns && end < j0 + nr)
            {
                for (var p = 0; p < depth; p++)
                {
                    target.Slice((p * nr) + (end - j0), j0 + nr - end).Clear();
                }
            }

            j = end;
        }
    }

    /// <summary>Packs depth steps [first, last) of op(B) in every panel.</summary>
    internal static void DepthRange(ReadOnlySpan<float> b, bool transposed, int depth, int columns, int first, int last, int nr, Span<float> packed, bool nonTemporal = false)
    {
        var streaming = Streams(nonTemporal, packed);
        var panels = (columns + nr - 1) / nr;
        for (var panel = 0; panel < panels; panel++)
        {
            var j0 = panel * nr;
            var width = Math.Min(nr, columns - j0);
            var target = packed.Slice(panel * depth * nr);
            var p = first;
            if (transposed && width == nr && nr >= 16 && Transpose16.IsSupported)
            {
                for (; p + 16 <= last; p += 16)
                {
                    for (var jj = 0; jj < nr; jj += 16)
                    {
                        Transpose16.Run(ref Unsafe.AsRef(in b[((j0 + jj) * depth) + p]), depth, ref target[(p * nr) + jj], nr, streaming);
                    }
                }
            }

            for (; p < last; p++)
            {
                var row = target.Slice(p * nr, nr);
                if (!transposed)
                {
                    b.Slice((p * columns) + j0, width).CopyTo(row);
                }
                else
                {
                    for (var jj = 0; jj < width; jj++)
                    {
                        row[jj] = b[((j0 + jj) * depth) + p];
                    }
                }

                row[width..].Clear();
            }
        }
    }

    /// <summary>Non-temporal stores of 64-byte rows: asked for, AVX-512, and a buffer starting on a cache line.</summary>
    private static unsafe bool Streams(bool nonTemporal, Span<float> packed) =>
        nonTemporal && Avx512F.IsSupported && ((nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(packed)) & 63) == 0;

    /// <summary>
    /// Stores 16 floats; non-temporal (at a 64-byte-aligned target) bypasses the caches, so the line need not be
    /// fetched from the core that read it last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Store(Vector512<float> value, ref float target, bool nonTemporal)
    {
        if (nonTemporal)
        {
            Avx512F.StoreAlignedNonTemporal((float*)Unsafe.AsPointer(ref target), value);
        }
        else
        {
            value.StoreUnsafe(ref target);
        }
    }
}
