using Tabml.Data;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// The booster's feature matrix (method-spec §5.1): all numeric columns first in input order (float32,
/// NaN = missing), then all categorical columns as their codes (0 = missing/unknown, an ordinary category).
/// </summary>
public sealed record LightGbmFeatureLayout(IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical)
{
    public int Width => Numeric.Count + Categorical.Count;

    public IReadOnlyList<int> CategoricalIndices => Enumerable.Range(Numeric.Count, Categorical.Count).ToArray();

    public static LightGbmFeatureLayout Of(Dataset data) => new(
        data.Features.Where(f => f.Kind == ColumnKind.Numeric).Select(f => f.Name).ToArray(),
        data.Features.Where(f => f.Kind == ColumnKind.Categorical).Select(f => f.Name).ToArray());

    /// <summary>The dense row-major matrix of <paramref name="data"/> in this layout.</summary>
    public float[] ToMatrix(Dataset data)
    {
        var byName = data.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var rows = data.RowCount;
        var width = Width;
        var matrix = new float[(long)rows * width];
        for (var c = 0; c < width; c++)
        {
            var name = c < Numeric.Count ? Numeric[c] : Categorical[c - Numeric.Count];
            if (!byName.TryGetValue(name, out var column))
            {
                throw new InvalidOperationException($"the data has no column '{name}' that the model needs");
            }

            switch (column)
            {
                case NumericColumn numeric:
                    for (var r = 0; r < rows; r++)
                    {
                        matrix[((long)r * width) + c] = numeric.Values[r];
                    }

                    break;
                case CategoricalColumn categorical:
                    for (var r = 0; r < rows; r++)
                    {
                        matrix[((long)r * width) + c] = categorical.Codes[r];
                    }

                    break;
            }
        }

        return matrix;
    }
}
