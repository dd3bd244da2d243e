using Tabml.Data;
using Tabml.Validation;

namespace Tabml.Core.Tests.Validation;

public sealed class HoldoutSplitterTests
{
    [Fact]
    public void Train_and_validation_rows_are_disjoint_and_cover_all_rows()
    {
        var target = TargetColumn.Regression("y", Enumerable.Range(0, 1001).Select(i => (double)i).ToArray());

        var split = HoldoutSplitter.Split(target, 0.2, seed: 3);

        Assert.Empty(split.Train.Intersect(split.Valid));
        Assert.Equal(Enumerable.Range(0, 1001), split.Train.Concat(split.Valid).Order());
        Assert.Equal(801, split.Train.Length); // ⌈0.8 · 1001⌉, as the reference
    }

    [Fact]
    public void The_split_is_a_pure_function_of_the_seed()
    {
        var target = TargetColumn.Regression("y", new double[500]);

        var a = HoldoutSplitter.Split(target, 0.2, seed: 1);
        var b = HoldoutSplitter.Split(target, 0.2, seed: 1);
        var c = HoldoutSplitter.Split(target, 0.2, seed: 2);

        Assert.Equal(a.Valid, b.Valid);
        Assert.NotEqual(a.Valid, c.Valid);
    }

    [Fact]
    public void Classification_is_stratified()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i < 900 ? 0 : 1).ToArray();
        var target = TargetColumn.Classification("y", TaskKind.Binary, labels, ["a", "b"]);

        var split = HoldoutSplitter.Split(target, 0.2, seed: 0);

        Assert.Equal(180, split.Valid.Count(r => labels[r] == 0));
        Assert.Equal(20, split.Valid.Count(r => labels[r] == 1));
    }

    [Fact]
    public void A_class_too_small_to_validate_stays_in_training_and_is_reported()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 98 ? 0 : (i == 98 ? 1 : 2)).ToArray();
        var target = TargetColumn.Classification("y", TaskKind.Multiclass, labels, ["big", "tiny", "other"]);

        var split = HoldoutSplitter.Split(target, 0.2, seed: 0);

        Assert.Contains(98, split.Train);
        Assert.Contains(99, split.Train);
        Assert.Equal(2, split.Notes.Count);
        Assert.Contains("class 'tiny' has only 1 row; kept in training", split.Notes[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void The_fraction_must_lie_strictly_between_zero_and_one(double fraction)
    {
        var target = TargetColumn.Regression("y", new double[10]);

        var error = Assert.Throws<Tabml.Errors.TabmlException>(() => HoldoutSplitter.Split(target, fraction, seed: 0));

        Assert.Equal(Tabml.Errors.ExitCodes.Usage, error.ExitCode);
    }
}
