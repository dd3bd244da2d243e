namespace Tabml.Learners.RealMlp;

/// <summary>
/// The training-progress schedules of method-spec §2.9, as functions of t ∈ [0, 1] where t = s / (E·B) is
/// evaluated before step s.
/// </summary>
public static class Schedules
{
    /// <summary>coslog4(t) = ½(1 − cos(2π·log2(1 + 15t))): four cycles of equal length in log2(1 + 15t).</summary>
    public static double Coslog4(double t) => 0.5 * (1.0 - Math.Cos(2.0 * Math.PI * Math.Log2(1.0 + (15.0 * t))));

    /// <summary>flat_cos(t) = 1 for t &lt; ½, then ½(1 + cos(π(2t − 1))), from 1 down to 0.</summary>
    public static double FlatCos(double t) => t < 0.5 ? 1.0 : 0.5 * (1.0 + Math.Cos(Math.PI * ((2.0 * t) - 1.0)));

    public static double Evaluate(Schedule schedule, double t) => schedule switch
    {
        Schedule.Coslog4 => Coslog4(t),
        Schedule.FlatCos => FlatCos(t),
        Schedule.Constant => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "unknown schedule"),
    };
}
