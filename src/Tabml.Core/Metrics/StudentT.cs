namespace Tabml.Metrics;

/// <summary>The 0.975 quantile of Student's t distribution (two-sided 95% intervals): a table to 30 degrees of freedom, then 1.96 + 2.4/df.</summary>
public static class StudentT
{
    private static readonly double[] Table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return degreesOfFreedom <= Table.Length ? Table[degreesOfFreedom - 1] : 1.96 + (2.4 / degreesOfFreedom);
    }
}
