namespace Tabml.Learners.RealMlp;

/// <summary>
/// One trainable tensor with its gradient, Adam moments and its per-tensor lr and weight-decay factors
/// (method-spec §2.8: one parameter group per tensor).
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, int length, double lrFactor, double wdFactor)
    {
        Name = name;
        Value = new float[length];
        Gradient = new float[length];
        FirstMoment = new float[length];
        SecondMoment = new float[length];
        LrFactor = lrFactor;
        WdFactor = wdFactor;
    }

    public string Name { get; }

    /// <summary>The tensor's position in <see cref="RealMlpParameters.All"/> (its update order).</summary>
    public int Index { get; internal set; }

    public float[] Value { get; }

    public float[] Gradient { get; }

    public float[] FirstMoment { get; }

    public float[] SecondMoment { get; }

    public double LrFactor { get; }

    public double WdFactor { get; }

    public int Length => Value.Length;
}
