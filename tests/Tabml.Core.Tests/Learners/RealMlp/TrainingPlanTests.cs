using Tabml.Data;
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

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void An_optimizer_step_decays_weights_by_the_spec_factor_and_biases_only_when_their_wd_factor_says(double biasWdFactor)
    {
        // TD's bias wd factor is 0 (method-spec §2.8); the second case is the negative control that shows the
        // step would decay biases if it were not. With zero gradients Adam moves nothing, so what changes is
        // the decay alone, at t = 0.6: lr = lr·coslog4(0.6), wd = wd·flat_cos(0.6) (regression TD: 0.2, 0.02).
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Regression) with { HiddenSizes = [3], BiasWdFactor = biasWdFactor };
        var data = TestData.SyntheticData.Make(TaskKind.Regression, 30, seed: 4);
        var encoder = MlpInputEncoder.Fit(data, Enumerable.Range(0, 30).ToArray(), settings);
        var parameters = new RealMlpParameters(RealMlpArchitecture.For(encoder, settings, 1), settings);
        foreach (var p in parameters.All)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p.Value[i] = 1f + (0.01f * i);
            }
        }

        var before = parameters.All.ToDictionary(p => p.Name, p => p.Value.ToArray());
        // The step's update as training applies it (StepUpdate → AdamUpdate.Apply per tensor), with zero gradients.
        var update = StepUpdate.For(settings, parameters.All, 0.6, step: 1, nextDropout: 0);
        for (var i = 0; i < parameters.All.Count; i++)
        {
            var p = parameters.All[i];
            update.Tensors[i].Apply(SimdSupport.Active, p.Value, p.Gradient, p.FirstMoment, p.SecondMoment);
        }

        var lr = settings.Lr * Schedules.Coslog4(0.6);
        var wd = settings.Wd * Schedules.FlatCos(0.6);
        AssertScaled(before["layer0.weight"], parameters.Weights[0].Value, 1.0 - (wd * lr));
        AssertScaled(before["scale"], parameters.Scale!.Value, 1.0 - (wd * lr * 36));
        // Biases: lr factor 0.1, entering squared like the wd factor (1 − wd·lr·0.1²·f_wd²); TD's f_wd = 0 leaves them exactly as they were.
        AssertScaled(before["layer0.bias"], parameters.Biases[0].Value, 1.0 - (wd * lr * 0.01 * biasWdFactor * biasWdFactor));
        Assert.Equal(biasWdFactor == 0, before["layer0.bias"].SequenceEqual(parameters.Biases[0].Value));
    }

    private static void AssertScaled(float[] before, float[] after, double factor)
    {
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i] * factor, after[i], 1e-6 * Math.Abs(before[i]));
        }
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
