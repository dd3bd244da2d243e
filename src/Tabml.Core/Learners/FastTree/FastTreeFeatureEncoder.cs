using Tabml.Data;

namespace Tabml.Learners.FastTree;

/// <summary>
/// Turns a dataset into FastTree's dense float features. FastTree skips every training row with a missing
/// value, so numeric columns with missing training values get the training median plus a 0/1 missing
/// indicator. Categorical columns with few categories are one-hot (missing/unknown = all zeros), larger
/// ones use their code as an ordinal value (0 = missing/unknown).
/// </summary>
public sealed record FastTreeFeatureEncoder(IReadOnlyList<EncodedColumn> Columns)
{
    public int Width => Columns.Sum(c => c.Width);

    public static FastTreeFeatureEncoder Fit(Dataset train, int maxOneHotCategories)
    {
        var columns = new List<EncodedColumn>();
        foreach (var feature in train.Features)
        {
            switch (feature)
            {
                case NumericColumn numeric:
                    var present = numeric.Values.Where(v => !float.IsNaN(v)).Order().ToArray();
                    var median = present.Length == 0 ? 0f : present.Length % 2 == 1
                        ? present[present.Length / 2]
                        : (float)((present[(present.Length / 2) - 1] + (double)present[present.Length / 2]) / 2.0);
                    columns.Add(new EncodedColumn(feature.Name, "numeric", median, present.Length < numeric.Values.Length, 0));
                    break;
                case CategoricalColumn categorical:
                    var oneHot = categorical.Categories.Count <= maxOneHotCategories;
                    columns.Add(new EncodedColumn(feature.Name, oneHot ? "one_hot" : "ordinal", 0f, false, categorical.Categories.Count));
                    break;
            }
        }

        return new FastTreeFeatureEncoder(columns);
    }

    /// <summary>The dense features as one row-major matrix (rows × <see cref="Width"/>), as tabml's tree evaluation reads them.</summary>
    public float[] EncodeRowMajor(Dataset data, int threads = 1)
    {
        var byName = new ModelInputs(data);
        var sources = Columns.Select(c => byName[c.Name]).ToArray();
        var width = Width;
        var matrix = new float[(long)data.RowCount * width];
        const int block = 1024;
        var blocks = (data.RowCount + block - 1) / block;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, b =>
        {
            var end = Math.Min(data.RowCount, (b + 1) * block);
            for (var r = b * block; r < end; r++)
            {
                var row = matrix.AsSpan(r * width, width);
                var offset = 0;
                for (var c = 0; c < sources.Length; c++)
                {
                    Columns[c].Write(sources[c], r, row.Slice(offset, Columns[c].Width));
                    offset += Columns[c].Width;
                }
            }
        });
        return matrix;
    }

    /// <summary>One dense feature row per data row.</summary>
    public float[][] Encode(Dataset data)
    {
        var byName = new ModelInputs(data);
        var rows = new float[data.RowCount][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new float[Width];
        }

        var offset = 0;
        foreach (var column in Columns)
        {
            var source = byName[column.Name];
            for (var r = 0; r < rows.Length; r++)
            {
                column.Write(source, r, rows[r].AsSpan(offset, column.Width));
            }

            offset += column.Width;
        }

        return rows;
    }
}

/// <summary>How one input column becomes FastTree features.</summary>
public sealed record EncodedColumn(string Name, string Encoding, float Median, bool MissingIndicator, int Categories)
{
    public int Width => Encoding switch
    {
        "numeric" => MissingIndicator ? 2 : 1,
        "one_hot" => Categories,
        _ => 1,
    };

    public void Write(FeatureColumn source, int row, Span<float> output)
    {
        switch (source)
        {
            case NumericColumn numeric:
                var value = numeric.Values[row];
                var missing = float.IsNaN(value);
                output[0] = missing ? Median : value;
                if (MissingIndicator)
                {
                    output[1] = missing ? 1f : 0f;
                }

                break;
            case CategoricalColumn categorical:
                var code = categorical.Codes[row];
                if (Encoding == "one_hot")
                {
                    if (code > 0)
                    {
                        output[code - 1] = 1f;
                    }
                }
                else
                {
                    output[0] = code;
                }

                break;
        }
    }
}
