using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>method-spec §2.9 check table and the zeros and peaks of coslog4.</summary>
public sealed class SchedulesTests
{
    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(0.01, 0.350381, 1.0)]
    [InlineData(0.05, 0.323689, 1.0)]
    [InlineData(0.1, 0.718355, 1.0)]
    [InlineData(0.4, 0.323689, 1.0)]
    [InlineData(0.5, 0.073619, 1.0)]
    [InlineData(0.6, 0.718355, 0.904508)]
    [InlineData(0.75, 0.875658, 0.5)]
    [InlineData(0.9, 0.186201, 0.095492)]
    [InlineData(0.99, 0.001821, 0.000987)]
    public void Schedules_match_the_spec_check_values(double t, double coslog4, double flatCos)
    {
        Assert.Equal(coslog4, Schedules.Coslog4(t), 6);
        Assert.Equal(flatCos, Schedules.FlatCos(t), 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0 / 15)]
    [InlineData(3.0 / 15)]
    [InlineData(7.0 / 15)]
    [InlineData(1.0)]
    public void Coslog4_is_zero_at_the_cycle_boundaries(double t) => Assert.Equal(0.0, Schedules.Coslog4(t), 12);

    [Theory]
    [InlineData(0.0276142)]
    [InlineData(0.1218951)]
    [InlineData(0.3104569)]
    [InlineData(0.6875806)]
    public void Coslog4_peaks_at_one(double t) => Assert.Equal(1.0, Schedules.Coslog4(t), 6);
}
