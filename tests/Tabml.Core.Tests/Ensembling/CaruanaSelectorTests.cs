using Tabml.Data;
using Tabml.Ensembling;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Core.Tests.Ensembling;

public sealed class CaruanaSelectorTests
{
    private static readonly TargetColumn Regression = TargetColumn.Regression("y", [0.0, 1.0, 2.0, 3.0]);

    [Fact]
    public void Averages_members_whose_errors_cancel()
    {
        // a is 1 too high everywhere, b is 1 too low: their mean is exact.
        var a = Values(1, 2, 3, 4);
        var b = Values(-1, 0, 1, 2);

        var selection = CaruanaSelector.Select([a, b], Regression, RootMeanSquaredError.Instance);

        Assert.Equal([0.5, 0.5], selection.Weights);
        Assert.Equal(0.0, selection.Loss);
    }

    [Fact]
    public void A_member_that_never_helps_gets_no_weight()
    {
        var good = Values(0.1, 1.1, 2.1, 3.1);
        var useless = Values(10, -10, 10, -10);

        var selection = CaruanaSelector.Select([useless, good], Regression, RootMeanSquaredError.Instance);

        Assert.Equal([0.0, 1.0], selection.Weights);
        Assert.Equal(RootMeanSquaredError.Instance.Compute(Regression, good), selection.Loss, 12);
    }

    [Fact]
    public void Ties_go_to_the_earlier_member_and_the_first_best_step_is_kept()
    {
        var same = Values(0.5, 1.5, 2.5, 3.5);

        var selection = CaruanaSelector.Select([same, Values(0.5, 1.5, 2.5, 3.5)], Regression, RootMeanSquaredError.Instance);

        // Every step ties between the two identical members and picks the first; the loss never strictly
        // improves after step 1, so the weights of step 1 are kept.
        Assert.Equal([1, 0], selection.Counts);
        Assert.Equal(40, selection.StepLosses.Length);
    }

    [Fact]
    public void Weights_follow_the_best_step_with_replacement()
    {
        // The best combination is 2/3 of a and 1/3 of b: (2·3 + 0)/3 = 2 on every row.
        var target = TargetColumn.Regression("y", [2.0, 2.0]);
        var a = new Predictions(2, 1, [3.0, 3.0]);
        var b = new Predictions(2, 1, [0.0, 0.0]);

        var selection = CaruanaSelector.Select([a, b], target, RootMeanSquaredError.Instance);

        Assert.Equal(0.0, selection.Loss);
        Assert.Equal(2 * selection.Counts[1], selection.Counts[0]);
    }

    [Fact]
    public void Classification_averages_probabilities_and_selects_on_error()
    {
        var target = TargetColumn.Classification("y", TaskKind.Binary, [0, 1, 1], ["n", "p"]);
        var a = new Predictions(3, 2, [0.6, 0.4, 0.45, 0.55, 0.7, 0.3]);   // wrong on row 2
        var b = new Predictions(3, 2, [0.4, 0.6, 0.3, 0.7, 0.2, 0.8]);     // wrong on row 0

        var selection = CaruanaSelector.Select([a, b], target, ClassificationError.Instance);

        // Step 1 ties (1/3 each) → a. Step 2: a+a = 1/3, a+b = mean (0.5, 0.5 | 0.375, 0.625 | 0.45, 0.55):
        // row 0's tie goes to class 0 (first maximum) → error 0, strictly better.
        Assert.Equal(0.0, selection.Loss);
        Assert.Equal([0.5, 0.5], selection.Weights);
    }

    [Fact]
    public void The_selected_loss_is_never_above_the_best_single_member()
    {
        var rng = new Tabml.Numerics.Random.DeterministicRandom(5);
        var y = Enumerable.Range(0, 200).Select(_ => rng.NextGaussian()).ToArray();
        var target = TargetColumn.Regression("y", y);
        var members = Enumerable.Range(0, 4).Select(m => new Predictions(200, 1, y.Select(v => v + ((m + 1) * 0.3 * rng.NextGaussian())).ToArray())).ToArray();

        var selection = CaruanaSelector.Select(members, target, RootMeanSquaredError.Instance);

        Assert.True(selection.Loss <= members.Min(p => RootMeanSquaredError.Instance.Compute(target, p)));
    }

    private static Predictions Values(params double[] values) => new(values.Length, 1, values);
}
