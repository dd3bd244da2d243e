using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;
using Tabml.Numerics.Simd;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// RealMLP's results do not depend on its threads: the saved model (every weight, the facts) and its
/// predictions are byte-identical for 1, 2 and 8 threads and when the thread budget changes mid-fit.
/// </summary>
public sealed class ThreadCountTests
{
    [Theory]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void Saved_model_and_predictions_are_identical_for_any_thread_count_and_a_budget_changed_mid_fit(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 900, seed: 4));
        var settings = RealMlpDefaults.Load("realmlp-td", task) with { NEpochs = 5 };

        var one = Fit(settings, train, valid, new LearnerContext { Seed = 3, Threads = 1 });
        var budget = new ThreadBudget(1);
        var changing = Fit(settings, train, valid, new LearnerContext { Seed = 3, ThreadBudget = budget, Progress = new RaiseAt(budget, epoch: 2, threads: 3) });

        foreach (var other in new[] { Fit(settings, train, valid, new LearnerContext { Seed = 3, Threads = 2 }), Fit(settings, train, valid, new LearnerContext { Seed = 3, Threads = 8 }), changing })
        {
            Assert.Equal(one.Bytes.Keys, other.Bytes.Keys);
            Assert.All(one.Bytes, entry => Assert.True(entry.Value.AsSpan().SequenceEqual(other.Bytes[entry.Key]), $"{entry.Key} differs"));
            Assert.Equal(one.Predictions, other.Predictions);
        }

        // Negative control: another seed gives other weights, so the equality above can fail.
        var reseeded = Fit(settings, train, valid, new LearnerContext { Seed = 4, Threads = 2 });
        Assert.False(one.Bytes["weights.bin"].AsSpan().SequenceEqual(reseeded.Bytes["weights.bin"]));
    }

    [Fact]
    public void The_model_records_the_instruction_set_it_was_trained_with()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 2 };

        var model = new RealMlpLearner("realmlp-td", settings, SimdLevel.Scalar).Fit(train, valid, new LearnerContext());

        Assert.Equal(32, model.Facts[RealMlpLearner.SimdBitsFact]);
        var active = new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext());
        Assert.Equal(SimdSupport.Bits(SimdSupport.Active), active.Facts[RealMlpLearner.SimdBitsFact]);
    }

    private static (IReadOnlyDictionary<string, byte[]> Bytes, double[] Predictions) Fit(RealMlpSettings settings, Dataset train, Dataset valid, LearnerContext context)
    {
        var model = new RealMlpLearner("realmlp-td", settings).Fit(train, valid, context);
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);
        return (artifacts.Entries, model.Predict(valid.WithoutTarget(), context.CurrentThreads).Values.ToArray());
    }

    /// <summary>Hands the learner more threads when it reports an epoch (synchronously, in the training loop).</summary>
    private sealed class RaiseAt(ThreadBudget budget, int epoch, int threads) : IProgress<LearnerProgress>
    {
        public void Report(LearnerProgress value)
        {
            if (value.Step == epoch)
            {
                budget.Current = threads;
            }
        }
    }
}
