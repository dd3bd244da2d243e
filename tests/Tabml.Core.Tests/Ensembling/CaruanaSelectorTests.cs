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
    public void Greedy_selection_finds_a_known_mix_that_beats_every_member()
    {
        // a is 2 too high, b 1 too low, c noise: only 1/3 a + 2/3 b is exact. The greedy path is b (loss 1),
        // then a (0.5), then b (0), and no later step improves strictly, so step 3's weights are kept.
        var a = Values(2, 3, 4, 5);
        var b = Values(-1, 0, 1, 2);
        var c = Values(3, -2, 5, 0);

        var selection = CaruanaSelector.Select([a, b, c], Regression, RootMeanSquaredError.Instance);

        Assert.Equal([1, 2, 0], selection.Counts);
        Assert.Equal(1.0 / 3, selection.Weights[0], 12);
        Assert.Equal(2.0 / 3, selection.Weights[1], 12);
        Assert.Equal(0.0, selection.Weights[2]);
        Assert.Equal(0.0, selection.Loss, 12);
        Assert.Equal([1.0, 0.5, 0.0], selection.StepLosses[..3].Select(l => Math.Round(l, 12)));
        var bestMember = new[] { a, b, c }.Min(p => RootMeanSquaredError.Instance.Compute(Regression, p));
        Assert.True(selection.Loss < bestMember - 0.9, $"the mix ({selection.Loss}) must beat the best member ({bestMember}) clearly");
    }

    private static Predictions Values(params double[] values) => new(values.Length, 1, values);
}
