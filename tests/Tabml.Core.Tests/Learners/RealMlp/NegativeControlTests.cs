using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;
using Tabml.Numerics.Random;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// Negative controls: a deliberately broken training trick must visibly hurt, so the checks above can fail.
/// The task is periodic in one feature, which PBLD's cos embeddings capture and a plain MLP barely does.
/// </summary>
public sealed class NegativeControlTests
{
    [Fact]
    public void Removing_the_pbld_embeddings_hurts_a_periodic_task()
    {
        var (train, valid) = PeriodicTask();
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 64 };

        var withPbld = Error(new RealMlpLearner("realmlp-td", settings), train, valid);
        var without = Error(new RealMlpLearner("realmlp-td", settings with { NumEmbType = NumericEmbedding.None }), train, valid);

        Assert.True(withPbld < without - 0.05, $"with PBLD {withPbld:F3}, without {without:F3}");

    }

    [Fact]
    public void A_learning_rate_schedule_stuck_at_zero_learns_nothing()
    {
        var (train, valid) = PeriodicTask();
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 64 };

        var trained = Error(new RealMlpLearner("realmlp-td", settings), train, valid);
        var frozen = Error(new RealMlpLearner("realmlp-td", settings with { Lr = 0.0 }), train, valid);

        Assert.True(trained < frozen - 0.1, $"trained {trained:F3}, frozen {frozen:F3}");
    }

    private static double Error(RealMlpLearner learner, Dataset train, Dataset valid)
    {
        var model = learner.Fit(train, valid, new LearnerContext { Seed = 1 });
        var predicted = model.Predict(valid, 1).ArgMax();
        var labels = valid.RequireTarget().RequireLabels();
        return predicted.Where((p, i) => p != labels[i]).Count() / (double)labels.Length;
    }

    private static (Dataset Train, Dataset Valid) PeriodicTask()
    {
        var rng = new DeterministicRandom(21);
        const int rows = 1500;
        var x = new float[rows];
        var noise = new float[rows];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = (float)rng.NextUniform(-3, 3);
            noise[i] = (float)rng.NextGaussian();
            labels[i] = Math.Sin(4 * x[i]) > 0 ? 1 : 0;
        }

        var data = new Dataset([new NumericColumn("x", x), new NumericColumn("noise", noise)], TargetColumn.Classification("y", TaskKind.Binary, labels, ["a", "b"]), rows);
        return (data.Slice(Enumerable.Range(0, 1200).ToArray()), data.Slice(Enumerable.Range(1200, 300).ToArray()));
    }
}
