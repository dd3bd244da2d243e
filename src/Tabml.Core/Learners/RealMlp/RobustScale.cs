namespace Tabml.Learners.RealMlp;

/// <summary>
/// Median centering, robust scaling and smooth clipping of one column (method-spec §2.2): x ← (x − q½)·f with
/// f = 1/(q¾ − q¼ + 1e-30), falling back to s = ½(max − min) when the IQR is 0, and f = 0 for a constant
/// column; then x ← x / √(1 + (x/3)²). Quantiles are numpy's linear (type 7) on the fitting rows.
/// </summary>
public sealed record RobustScale(float Median, float Factor)
{
    public static RobustScale Fit(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return new RobustScale(0f, 0f);
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var median = (float)Quantile(sorted, 0.5);
        var iqr = (float)(Quantile(sorted, 0.75) - Quantile(sorted, 0.25));
        if (iqr == 0f)
        {
            iqr = 0.5f * (sorted[^1] - sorted[0]);
        }

        var factor = iqr == 0f ? 0f : 1f / (iqr + 1e-30f);
        return new RobustScale(median, factor);
    }

    /// <summary>No change (the binary block of a plain MLP).</summary>
    public static RobustScale Identity { get; } = new(0f, 1f);

    /// <summary>z-scoring with the population mean and std (a plain MLP's preprocessing; 0 for a constant column).</summary>
    public static RobustScale Standard(ReadOnlySpan<float> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= Math.Max(1, values.Length);
        var variance = 0.0;
        foreach (var v in values)
        {
            variance += (v - mean) * (v - mean);
        }

        var std = Math.Sqrt(variance / Math.Max(1, values.Length));
        return new RobustScale((float)mean, std > 0 ? (float)(1.0 / std) : 0f);
    }

    /// <summary>The centred and scaled value, without clipping.</summary>
    public float Scale(float x) => (x - Median) * Factor;

    /// <summary>The scaled and smoothly clipped value.</summary>
    public float Apply(float x, float maxAbs) => SmoothClip((x - Median) * Factor, maxAbs);

    public static float SmoothClip(float x, float maxAbs) => x / MathF.Sqrt(1f + (x / maxAbs * (x / maxAbs)));

    /// <summary>numpy.quantile's default "linear" method on sorted values: position (n − 1)·q, interpolated.</summary>
    public static double Quantile(float[] sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + ((sorted[upper] - (double)sorted[lower]) * fraction);
    }
}
