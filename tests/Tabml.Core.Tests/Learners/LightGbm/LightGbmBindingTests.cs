using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners.LightGbm;
using Tabml.Learners.LightGbm.Native;

namespace Tabml.Core.Tests.Learners.LightGbm;

public sealed class LightGbmBindingTests
{
    [Fact]
    public void A_failed_call_surfaces_lightgbms_own_message()
    {
        var error = Assert.Throws<LightGbmException>(() => LightGbmDataset.FromMatrix([1f, 2f, 3f, 4f], 2, 2, "num_leaves=-5 objective=no_such_objective", null));

        Assert.StartsWith("LightGBM DatasetCreateFromMat failed: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > "LightGBM DatasetCreateFromMat failed: ".Length);
    }

    [Fact]
    public void Corrupt_model_text_is_refused_by_the_loader()
    {
        Assert.Throws<LightGbmException>(() => LightGbmBooster.FromModelText("tree\nversion=v4\nnot a model", out _));
    }

    [Fact]
    public void The_layout_puts_numeric_columns_first_then_categorical_codes()
    {
        var data = new Dataset(
            [
                new CategoricalColumn("c1", [1, 0], ["a"]),
                new NumericColumn("n1", [1.5f, float.NaN]),
                new CategoricalColumn("c2", [2, 1], ["x", "y"]),
                new NumericColumn("n2", [3f, 4f]),
            ],
            null,
            2);

        var layout = LightGbmFeatureLayout.Of(data);
        var matrix = layout.ToMatrix(data);

        Assert.Equal(["n1", "n2"], layout.Numeric);
        Assert.Equal(["c1", "c2"], layout.Categorical);
        Assert.Equal([2, 3], layout.CategoricalIndices);
        Assert.Equal(1.5f, matrix[0]);
        Assert.Equal(3f, matrix[1]);
        Assert.Equal(1f, matrix[2]);
        Assert.Equal(2f, matrix[3]);
        Assert.True(float.IsNaN(matrix[4]));
        Assert.Equal(0f, matrix[6]);
    }

    [Fact]
    public void The_tuned_model_keeps_the_best_iteration_and_stops_early()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 600));

        var model = LightGbmLearner.Create(LightGbmLearner.TunedName, TaskKind.Binary).Fit(train, valid, new Tabml.Learners.LearnerContext());

        var best = model.Facts["best_iteration"];
        var trained = model.Facts["iterations_trained"];
        Assert.True(trained < 1000, $"trained {trained} iterations: early stopping did not trigger");

        // Training stops 300 rounds after the first minimum; the kept count is the last minimum, in between.
        Assert.InRange(best, trained - 300, trained);
    }
}
