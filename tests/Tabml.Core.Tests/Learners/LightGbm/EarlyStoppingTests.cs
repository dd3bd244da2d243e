using Tabml.Learners.LightGbm;

namespace Tabml.Core.Tests.Learners.LightGbm;

/// <summary>method-spec §5.1: strict-improvement patience from the first minimum, then the last minimum.</summary>
public sealed class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_rounds_without_strict_improvement_from_the_first_minimum()
    {
        var stopping = new EarlyStopping(patience: 3);
        double[] curve = [0.5, 0.4, 0.3, 0.3, 0.35, 0.3];

        var stoppedAt = Array.FindIndex(curve, loss => stopping.Record(loss));

        // First minimum at index 2; the tie at 3 and the tie at 5 do not reset the counter: stop at 2 + 3.
        Assert.Equal(5, stoppedAt);
        Assert.Equal(6, stopping.Curve.Count);
    }

    [Fact]
    public void The_kept_iteration_count_is_the_last_minimum_of_the_recorded_curve()
    {
        var stopping = new EarlyStopping(patience: 3);
        foreach (var loss in new[] { 0.5, 0.4, 0.3, 0.3, 0.35, 0.3 })
        {
            stopping.Record(loss);
        }

        Assert.Equal(6, stopping.BestIterationCount());
    }

    [Fact]
    public void A_strict_improvement_restarts_the_patience()
    {
        var stopping = new EarlyStopping(patience: 2);

        Assert.False(stopping.Record(0.5));
        Assert.False(stopping.Record(0.6));
        Assert.False(stopping.Record(0.4));
        Assert.False(stopping.Record(0.45));
        Assert.True(stopping.Record(0.41));
        Assert.Equal(3, stopping.BestIterationCount());
    }

    [Fact]
    public void Without_patience_it_never_stops_but_still_selects_the_best_iteration()
    {
        var stopping = new EarlyStopping(patience: null);

        var stops = new[] { 0.3, 0.2, 0.25, 0.2, 0.3 }.Select(stopping.Record).ToArray();

        Assert.All(stops, Assert.False);
        Assert.Equal(4, stopping.BestIterationCount());
    }

    [Fact]
    public void A_nan_loss_never_improves_and_a_curve_of_nan_keeps_every_iteration()
    {
        var mixed = new EarlyStopping(patience: 2);
        Assert.False(mixed.Record(0.4));
        Assert.False(mixed.Record(double.NaN));
        Assert.True(mixed.Record(double.NaN));
        Assert.Equal(1, mixed.BestIterationCount());

        var allNan = new EarlyStopping(patience: 5);
        allNan.Record(double.NaN);
        allNan.Record(double.NaN);
        Assert.Equal(2, allNan.BestIterationCount());
    }
}
