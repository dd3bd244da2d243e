namespace Tabml.Learners;

/// <summary>
/// Row-major model outputs: one probability per class for classification (rows sum to 1), one value per row
/// for regression.
/// </summary>
public sealed class Predictions
{
    /// <summary>Wraps <paramref name="values"/>: <paramref name="rowCount"/> rows of <paramref name="outputCount"/> outputs, row-major.</summary>
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

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Outputs per row: the class count, or 1 for regression.</summary>
    public int OutputCount { get; }

    /// <summary>All outputs, row after row.</summary>
    public double[] Values { get; }

    /// <summary>The outputs of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * OutputCount, OutputCount);

    /// <summary>One output of one row.</summary>
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

    /// <summary>The given rows, in the given order.</summary>
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
