namespace Tabml.Learners.RealMlp;

/// <summary>
/// Regression target handling (method-spec §2.6): training targets standardised with the training rows'
/// mean and population std; eval outputs de-standardised and, when clamping, clipped to the training range.
/// </summary>
public sealed record OutputScaling(double Mean, double Std, double Min, double Max, bool Normalize, bool Clamp)
{
    public static OutputScaling Fit(ReadOnlySpan<double> y, bool normalize, bool clamp)
    {
        var mean = 0.0;
        foreach (var v in y)
        {
            mean += v;
        }

        mean /= y.Length;
        var variance = 0.0;
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in y)
        {
            variance += (v - mean) * (v - mean);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        // pytabkit computes these in float32; so does the training target it standardises.
        return new OutputScaling((float)mean, (float)Math.Sqrt(variance / y.Length), (float)min, (float)max, normalize, clamp);
    }

    public static OutputScaling None { get; } = new(0, 1, double.NegativeInfinity, double.PositiveInfinity, false, false);

    public float Standardize(double y) => Normalize ? (float)((y - Mean) / (Std + 1e-30)) : (float)y;

    public double ToTarget(float output)
    {
        var value = Normalize ? (output * Std) + Mean : output;
        return Clamp ? Math.Clamp(value, Min, Max) : value;
    }
}
