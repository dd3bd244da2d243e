namespace Tabml.Learners.LightGbm;

/// <summary>
/// Rows widened for the walk form of <see cref="LightGbmTree"/>: each feature is written 2 (or 4) times, each
/// copy with missing values replaced so that the plain test "value ≤ threshold, NaN goes right" sends them where
/// LightGBM does — −∞ goes left of every threshold, NaN right of every one. Values with |v| ≤ 1e-35 are 0
/// first, as LightGBM reads a dense matrix (RowPairFunctionFromDenseMatrix).
/// </summary>
internal static class LightGbmRows
{
    /// <summary>The value itself: NaN goes right (and categorical splits read this copy).</summary>
    public const int NanRight = 0;

    /// <summary>NaN as −∞: goes left.</summary>
    public const int NanLeft = 1;

    /// <summary>0 as NaN: 0 and NaN go right (zero-as-missing splits).</summary>
    public const int ZeroNanRight = 2;

    /// <summary>0 and NaN as −∞: go left (zero-as-missing splits).</summary>
    public const int ZeroNanLeft = 3;

    private const float ZeroThreshold = 1e-35f;

    /// <summary>Writes each value of <paramref name="rows"/> as <paramref name="copies"/> (2 or 4) consecutive copies into <paramref name="widened"/>.</summary>
    public static void Widen(ReadOnlySpan<float> rows, int copies, Span<float> widened)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            var value = MathF.Abs(rows[i]) <= ZeroThreshold ? 0f : rows[i];
            var at = i * copies;
            widened[at + NanRight] = value;
            widened[at + NanLeft] = float.IsNaN(value) ? float.NegativeInfinity : value;
            if (copies == 4)
            {
                var missing = float.IsNaN(value) || value == 0f;
                widened[at + ZeroNanRight] = missing ? float.NaN : value;
                widened[at + ZeroNanLeft] = missing ? float.NegativeInfinity : value;
            }
        }
    }
}
