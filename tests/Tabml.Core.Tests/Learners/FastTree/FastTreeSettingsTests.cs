using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Settings;

namespace Tabml.Core.Tests.Learners.FastTree;

/// <summary>The defaults files hold the documented mapping of LightGBM-TD onto FastTree (docs/fasttree.md).</summary>
public sealed class FastTreeSettingsTests
{
    [Fact]
    public void Td_classification_maps_lightgbm_td_values()
    {
        var s = DefaultsCatalog.Load<FastTreeSettings>("fasttree-td.classification");

        Assert.Equal(1000, s.NumberOfTrees);
        Assert.Equal(50, s.NumberOfLeaves);
        Assert.Equal(0.04, s.LearningRate);
        Assert.Equal(40, s.MinimumExampleCountPerLeaf);
        Assert.Equal(1, s.BaggingSize);
        Assert.Equal(0.75, s.BaggingExampleFraction);
        Assert.Equal(1.0, s.FeatureFraction);
        Assert.Equal(255, s.MaximumBinCountPerFeature);
        Assert.True(s.SelectBestIteration);
        Assert.Equal(300, s.EarlyStoppingRounds);
    }

    [Fact]
    public void Td_regression_maps_lightgbm_td_values()
    {
        var s = DefaultsCatalog.Load<FastTreeSettings>("fasttree-td.regression");

        Assert.Equal(1000, s.NumberOfTrees);
        Assert.Equal(100, s.NumberOfLeaves);
        Assert.Equal(0.05, s.LearningRate);
        Assert.Equal(3, s.MinimumExampleCountPerLeaf);
        Assert.Equal(1, s.BaggingSize);
        Assert.Equal(0.7, s.BaggingExampleFraction);
        Assert.True(s.SelectBestIteration);
        Assert.Equal(300, s.EarlyStoppingRounds);
    }

    [Fact]
    public void D_is_mlnets_defaults()
    {
        var s = DefaultsCatalog.Load<FastTreeSettings>("fasttree-d");
        var library = new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options();

        Assert.Equal(library.NumberOfTrees, s.NumberOfTrees);
        Assert.Equal(library.NumberOfLeaves, s.NumberOfLeaves);
        Assert.Equal(library.LearningRate, s.LearningRate);
        Assert.Equal(library.MinimumExampleCountPerLeaf, s.MinimumExampleCountPerLeaf);
        Assert.Equal(library.BaggingSize, s.BaggingSize);
        Assert.Equal(library.FeatureFraction, s.FeatureFraction);
        Assert.Equal(library.MaximumBinCountPerFeature, s.MaximumBinCountPerFeature);
        Assert.False(s.SelectBestIteration);
        Assert.Null(s.EarlyStoppingRounds);
    }

    [Fact]
    public void Selecting_the_best_iteration_changes_the_model_on_noisy_data()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Regression, 500));
        var tuned = DefaultsCatalog.Load<FastTreeSettings>("fasttree-td.regression");
        var context = new LearnerContext();

        var selected = new FastTreeLearner("fasttree-td", tuned).Fit(train, valid, context).Predict(valid, 1);
        var all = new FastTreeLearner("fasttree-td", tuned with { SelectBestIteration = false }).Fit(train, valid, context).Predict(valid, 1);

        Assert.NotEqual(selected.Values, all.Values);
        Assert.True(Rmse(valid, selected) <= Rmse(valid, all), "keeping the validation-best iteration should not be worse on the validation rows");
    }

    [Fact]
    public void The_encoder_imputes_the_median_and_flags_missing_values()
    {
        var data = new Dataset([new NumericColumn("x", [1f, float.NaN, 3f, 10f]), new CategoricalColumn("c", [1, 0, 2, 1], ["a", "b"])], null, 4);

        var encoder = FastTreeFeatureEncoder.Fit(data, maxOneHotCategories: 8);
        var rows = encoder.Encode(data);

        Assert.Equal(4, encoder.Width);
        Assert.Equal([3f, 1f, 0f, 0f], rows[1]);
        Assert.Equal([3f, 0f, 0f, 1f], rows[2]);
        Assert.Equal([1f, 0f, 1f, 0f], rows[0]);
    }

    private static double Rmse(Dataset data, Predictions p) =>
        Math.Sqrt(data.RequireTarget().RequireValues().Select((y, i) => (y - p[i, 0]) * (y - p[i, 0])).Average());
}
