using Tabml.Numerics.LinearAlgebra;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// The first layer's input for a block of rows (method-spec §2.3–2.4): gather the encoded rows, assemble
/// X0 = [numeric block (PBLD or PL/PLR embeddings, or raw) | binary block | categorical embeddings], apply
/// the front scale into the panel-major X1; and the backward from dX1: the scale's and numeric embedding's
/// sums for the block, and the embedding rows' gradients (scattered later, in row order).
/// </summary>
internal static class InputBlock
{
    public static void Gather(EncodedRows data, ReadOnlySpan<int> rows, WorkerScratch s)
    {
        var (n, b, e) = Widths(s);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            data.Numeric.AsSpan(r * n, n).CopyTo(s.Numeric.AsSpan(i * n, n));
            data.Binary.AsSpan(r * b, b).CopyTo(s.Binary.AsSpan(i * b, b));
            data.Codes.AsSpan(r * e, e).CopyTo(s.Codes.AsSpan(i * e, e));
        }
    }

    public static void Gather(EncodedRows data, int start, int count, WorkerScratch s)
    {
        var (n, b, e) = Widths(s);
        data.Numeric.AsSpan(start * n, count * n).CopyTo(s.Numeric);
        data.Binary.AsSpan(start * b, count * b).CopyTo(s.Binary);
        data.Codes.AsSpan(start * e, count * e).CopyTo(s.Codes);
    }

    /// <summary>Assembles X0 (row-major) of the gathered rows.</summary>
    public static void Assemble(RealMlpNetwork network, WorkerScratch s, int rows)
    {
        var arch = network.Architecture;
        var parameters = network.Parameters;
        var ld = arch.InputWidth;
        var x0 = s.X0.AsSpan(0, rows * ld);
        var numeric = s.Numeric.AsSpan(0, rows * arch.NumericCount);
        if (s.Pbld is not null)
        {
            PbldEmbedding.Forward(network.Level, s.Pbld, numeric, rows, x0, ld, parameters);
        }
        else if (s.Periodic is not null)
        {
            PeriodicEmbedding.Forward(network.Level, s.Periodic, numeric, rows, x0, ld, parameters, relu: arch.NumericEmbedding == NumericEmbedding.Plr);
        }

        var size = arch.EmbeddingSize;
        var tables = parameters.Embeddings.Length;
        for (var r = 0; r < rows; r++)
        {
            var row = x0.Slice(r * ld, ld);
            if (s.Pbld is null && s.Periodic is null)
            {
                numeric.Slice(r * arch.NumericCount, arch.NumericCount).CopyTo(row);
            }

            s.Binary.AsSpan(r * arch.BinaryCount, arch.BinaryCount).CopyTo(row[arch.BinaryOffset..]);
            for (var e = 0; e < tables; e++)
            {
                var code = s.Codes[(r * tables) + e];
                parameters.Embeddings[e].Value.AsSpan(code * size, size).CopyTo(row.Slice(arch.EmbeddingOffset + (e * size), size));
            }
        }
    }

    /// <summary>X1 = X0 ⊙ scale (or X0), into rows rowOffset.. of a panel-major buffer.</summary>
    public static void Scale(RealMlpNetwork network, WorkerScratch s, int rows, PanelLayout layout, int rowOffset, Span<float> x1)
    {
        var width = network.Architecture.InputWidth;
        var scale = network.Parameters.Scale?.Value;
        for (var r = 0; r < rows; r++)
        {
            var row = s.X0.AsSpan(r * width, width);
            for (var j0 = 0; j0 < width; j0 += layout.Group)
            {
                var count = Math.Min(layout.Group, width - j0);
                var target = x1.Slice(layout.Index(rowOffset + r, j0), count);
                if (scale is null)
                {
                    row.Slice(j0, count).CopyTo(target);
                }
                else
                {
                    RowOps.Multiply(network.Level, row.Slice(j0, count), scale.AsSpan(j0, count), target);
                }
            }
        }
    }

    /// <summary>
    /// From dX1 (rows rowOffset.. of a panel-major buffer): adds Σ dX1 ⊙ X0 to <paramref name="scaleSums"/>,
    /// turns X0 into dX0, adds the numeric embedding's gradient to <paramref name="numericSums"/> and copies
    /// the embedding columns of dX0 to <paramref name="embeddingRows"/> (one row per batch row).
    /// </summary>
    public static void Backward(RealMlpNetwork network, WorkerScratch s, int rows, PanelLayout layout, int rowOffset, ReadOnlySpan<float> dx1, Span<float> scaleSums, Span<float> numericSums, Span<float> embeddingRows)
    {
        var arch = network.Architecture;
        var width = arch.InputWidth;
        var scale = network.Parameters.Scale?.Value;
        for (var r = 0; r < rows; r++)
        {
            var row = s.X0.AsSpan(r * width, width);
            for (var j0 = 0; j0 < width; j0 += layout.Group)
            {
                var count = Math.Min(layout.Group, width - j0);
                var gradient = dx1.Slice(layout.Index(rowOffset + r, j0), count);
                var x = row.Slice(j0, count);
                if (scale is null)
                {
                    gradient.CopyTo(x);
                    continue;
                }

                var sums = scaleSums.Slice(j0, count);
                RowOps.MultiplyAdd(network.Level, gradient, x, sums);
                RowOps.Multiply(network.Level, gradient, scale.AsSpan(j0, count), x);
            }
        }

        var dx0 = s.X0.AsSpan(0, rows * width);
        if (s.Pbld is not null)
        {
            PbldEmbedding.Backward(network.Level, s.Pbld, dx0, rows, width, network.Parameters, numericSums);
        }
        else if (s.Periodic is not null)
        {
            PeriodicEmbedding.Backward(network.Level, s.Periodic, dx0, rows, width, network.Parameters, arch.NumericEmbedding == NumericEmbedding.Plr, numericSums);
        }

        var embeddingWidth = arch.EmbeddingCatSizes.Count * arch.EmbeddingSize;
        for (var r = 0; r < rows && embeddingWidth > 0; r++)
        {
            dx0.Slice((r * width) + arch.EmbeddingOffset, embeddingWidth).CopyTo(embeddingRows.Slice((rowOffset + r) * embeddingWidth, embeddingWidth));
        }
    }

    private static (int Numeric, int Binary, int Codes) Widths(WorkerScratch s) =>
        (s.Numeric.Length / s.Capacity, s.Binary.Length / s.Capacity, s.Codes.Length / s.Capacity);
}
