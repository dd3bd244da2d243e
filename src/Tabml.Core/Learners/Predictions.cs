namespace Tabml.Learners;

/// <summary>
/// Row-major model outputs: one probability per class for classification (rows sum to 1), one value per row
/// for regression.
/// </summary>
public sealed class Predictions
{
    public Predictions(int rowCount, int outputCount, double[] values)
    {
        if (values.Length != (long)rowCount * outputCount)
        {
            throw new ArgumentException($"expected {rowCount}×{outputCount} values, got {values.Length}", nameof(values));
        }

        RowCount = rowCount;
        OutputCount = outputCount;
        Values = values;
    }

    public int RowCount { get; }

    public int OutputCount { get; }

    public double[] Values { get; }

    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * OutputCount, OutputCount);

    public double this[int row, int output] => Values[(row * OutputCount) + output];

    /// <summary>The arg-max class of each row (first maximum on ties).</summary>
    public int[] ArgMax()
    {
        var result = new int[RowCount];
        for (var r = 0; r < RowCount; r++)
        {
            var row = Row(r);
            var best = 0;
            for (var k = 1; k < row.Length; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            result[r] = best;
        }

        return result;
    }

    public Predictions Slice(ReadOnlySpan<int> rows)
    {
        var values = new double[rows.Length * OutputCount];
        for (var i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * OutputCount, OutputCount));
        }

        return new Predictions(rows.Length, OutputCount, values);
    }
}
