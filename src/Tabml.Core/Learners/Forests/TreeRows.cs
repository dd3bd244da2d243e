using System.Buffers;

namespace Tabml.Learners.Forests;

/// <summary>
/// A block of rows as trees read them: row-major floats (<see cref="Width"/> per row) and, where
/// <see cref="BitvectorTree"/> runs, the same values as doubles in groups of 8 rows, column-major inside a group
/// (group g, column c, lane l at [(g · width + c) · 8 + l]), so a split loads one column of 8 rows at once. The
/// rows after the last whole group are only in <see cref="Rows"/>. Transposed once per block for all trees.
/// </summary>
internal ref struct TreeRows
{
    private double[]? _rented;

    public TreeRows(ReadOnlySpan<float> rows, int width, bool groups)
    {
        Rows = rows;
        Width = width;
        Count = rows.Length / width;
        Groups = groups ? Count / BitvectorTree.Lanes : 0;
        if (Groups == 0)
        {
            return;
        }

        var length = Groups * width * BitvectorTree.Lanes;
        _rented = ArrayPool<double>.Shared.Rent(length);
        var columns = _rented.AsSpan(0, length);
        for (var g = 0; g < Groups; g++)
        {
            var group = columns.Slice(g * width * BitvectorTree.Lanes, width * BitvectorTree.Lanes);
            for (var lane = 0; lane < BitvectorTree.Lanes; lane++)
            {
                var row = rows.Slice(((g * BitvectorTree.Lanes) + lane) * width, width);
                for (var c = 0; c < width; c++)
                {
                    group[(c * BitvectorTree.Lanes) + lane] = row[c];
                }
            }
        }

        Columns = columns;
    }

    public ReadOnlySpan<float> Rows { get; }

    public int Width { get; }

    public int Count { get; }

    /// <summary>Whole groups of 8 rows in <see cref="Columns"/> (0 when not transposed).</summary>
    public int Groups { get; }

    public ReadOnlySpan<double> Columns { get; }

    /// <summary>Rows of a block, transposed when this process evaluates trees in bitvector form.</summary>
    public static TreeRows Of(ReadOnlySpan<float> rows, int width) => new(rows, width, BitvectorTree.IsSupported);

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<double>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
