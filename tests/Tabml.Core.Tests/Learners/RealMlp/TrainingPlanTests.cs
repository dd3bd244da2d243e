using Tabml.Learners.RealMlp;
using Tabml.Numerics.Optimization;
using Tabml.Numerics.Simd;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>method-spec §2.8 (decay), §2.10 (batching) and §2.11 (best epoch).</summary>
public sealed class TrainingPlanTests
{
    [Theory]
    [InlineData(1200, 256, 4, 16)]
    [InlineData(1024, 256, 4, 16)]
    [InlineData(1023, 256, 3, 12)]
    [InlineData(100, 100, 1, 4)]
    public void Batches_are_min_256_n_rows_and_the_last_partial_batch_is_dropped(int rows, int batch, int batchesPerEpoch, int stepsIn4Epochs)
    {
        var plan = TrainingPlan.For(rows, 256, 4);

        Assert.Equal(batch, plan.BatchSize);
        Assert.Equal(batchesPerEpoch, plan.BatchesPerEpoch);
        Assert.Equal(stepsIn4Epochs, plan.TotalSteps);
    }

    [Fact]
    public void T_is_evaluated_before_the_step_so_the_first_lr_is_zero_and_the_last_t_is_below_one()
    {
        var plan = TrainingPlan.For(1200, 256, 4);

        Assert.Equal(0.0, plan.Progress(0));
        Assert.Equal(0.0, Schedules.Coslog4(plan.Progress(0)));
        Assert.Equal(1.0 - (1.0 / 16), plan.Progress(15), 12);
    }

    [Fact]
    public void One_step_of_decay_multiplies_the_scale_vector_by_one_minus_0_0288()
    {
        // wd 0.02, lr 0.04, scale lr factor 6 squared: 0.02·0.04·36 = 0.0288 (not 0.0048).
        var multiplier = TrainingPlan.DecayMultiplier(0.02, 0.04, 6.0, 1.0);
        Assert.Equal(1.0 - 0.0288, multiplier, 12);

        float[] scale = [1f, 2f, -3f];
        var zeros = new float[3];
        Adam.Step(SimdSupport.Active, scale, zeros, new float[3], new float[3], 0.04f * 6f, 0.9f, 0.95f, 1e-8f, 1, (float)multiplier);

        Assert.Equal([0.9712f, 1.9424f, -2.9136f], scale.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Biases_are_not_decayed()
    {
        Assert.Equal(1.0, TrainingPlan.DecayMultiplier(0.02, 0.04, 0.1, 0.0));
    }

    [Fact]
    public void The_best_epoch_is_the_latest_among_ties()
    {
        var tracker = new BestEpochTracker();

        Assert.True(tracker.Record(1, 0.30));
        Assert.True(tracker.Record(2, 0.20));
        Assert.False(tracker.Record(3, 0.25));
        Assert.True(tracker.Record(4, 0.20));
        Assert.False(tracker.Record(5, double.NaN));

        Assert.Equal(4, tracker.BestEpoch);
    }
}
