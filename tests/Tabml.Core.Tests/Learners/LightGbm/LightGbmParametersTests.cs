using Tabml.Data;
using Tabml.Learners.LightGbm;
using Tabml.Settings;

namespace Tabml.Core.Tests.Learners.LightGbm;

/// <summary>Every value of method-spec §5.2 reaches LightGBM under its own name.</summary>
public sealed class LightGbmParametersTests
{
    [Fact]
    public void Td_classification_passes_the_spec_values()
    {
        var settings = DefaultsCatalog.Load<LightGbmSettings>("lightgbm-td.classification");

        var p = Parse(LightGbmParameters.Build(settings, TaskKind.Multiclass, 4, seed: 0, threads: 2, [3, 4]));

        Assert.Equal("multiclass", p["objective"]);
        Assert.Equal("4", p["num_class"]);
        Assert.Equal("multi_error", p["metric"]);
        Assert.Equal("1000", p["num_iterations"]);
        Assert.Equal("0.04", p["learning_rate"]);
        Assert.Equal("50", p["num_leaves"]);
        Assert.Equal("0.75", p["bagging_fraction"]);
        Assert.Equal("1", p["bagging_freq"]);
        Assert.Equal("1", p["feature_fraction"]);
        Assert.Equal("40", p["min_data_in_leaf"]);
        Assert.Equal("1E-07", p["min_sum_hessian_in_leaf"]);
        Assert.Equal("0", p["lambda_l1"]);
        Assert.Equal("0", p["lambda_l2"]);
        Assert.Equal("255", p["max_bin"]);
        Assert.Equal("-1", p["max_depth"]);
        Assert.Equal("3,4", p["categorical_feature"]);
        Assert.Equal("2", p["num_threads"]);
        Assert.Equal("-1", p["verbosity"]);
        Assert.Equal(300, settings.EarlyStoppingRounds);
    }

    [Fact]
    public void Td_regression_passes_the_spec_values()
    {
        var settings = DefaultsCatalog.Load<LightGbmSettings>("lightgbm-td.regression");

        var p = Parse(LightGbmParameters.Build(settings, TaskKind.Regression, 1, seed: 0, threads: 1, []));

        Assert.Equal("regression", p["objective"]);
        Assert.Equal("rmse", p["metric"]);
        Assert.Equal("0.05", p["learning_rate"]);
        Assert.Equal("100", p["num_leaves"]);
        Assert.Equal("0.7", p["bagging_fraction"]);
        Assert.Equal("3", p["min_data_in_leaf"]);
        Assert.Equal("1E-07", p["min_sum_hessian_in_leaf"]);
        Assert.False(p.ContainsKey("categorical_feature"));
        Assert.False(p.ContainsKey("num_class"));
    }

    [Fact]
    public void D_passes_the_library_defaults_and_no_early_stopping()
    {
        var settings = DefaultsCatalog.Load<LightGbmSettings>("lightgbm-d");

        var p = Parse(LightGbmParameters.Build(settings, TaskKind.Binary, 2, seed: 0, threads: 1, []));

        Assert.Equal("binary", p["objective"]);
        Assert.Equal("binary_error", p["metric"]);
        Assert.Equal("100", p["num_iterations"]);
        Assert.Equal("0.1", p["learning_rate"]);
        Assert.Equal("31", p["num_leaves"]);
        Assert.Equal("1", p["bagging_fraction"]);
        Assert.Equal("20", p["min_data_in_leaf"]);
        Assert.Equal("0.001", p["min_sum_hessian_in_leaf"]);
        Assert.False(p.ContainsKey("max_bin"));
        Assert.Null(settings.EarlyStoppingRounds);
    }

    [Fact]
    public void Seeds_are_the_reference_offsets_of_s()
    {
        var settings = DefaultsCatalog.Load<LightGbmSettings>("lightgbm-d");

        var p = Parse(LightGbmParameters.Build(settings, TaskKind.Binary, 2, seed: 0, threads: 1, []));

        const long s = 209652396;
        Assert.Equal((1 + s).ToString(System.Globalization.CultureInfo.InvariantCulture), p["data_random_seed"]);
        Assert.Equal((2 + s).ToString(System.Globalization.CultureInfo.InvariantCulture), p["feature_fraction_seed"]);
        Assert.Equal((3 + s).ToString(System.Globalization.CultureInfo.InvariantCulture), p["bagging_seed"]);
        Assert.Equal((4 + s).ToString(System.Globalization.CultureInfo.InvariantCulture), p["drop_seed"]);
        Assert.Equal((5 + s).ToString(System.Globalization.CultureInfo.InvariantCulture), p["objective_seed"]);
        Assert.Equal((6 + s).ToString(System.Globalization.CultureInfo.InvariantCulture), p["extra_seed"]);
        Assert.Equal("true", p["deterministic"]);
    }

    private static Dictionary<string, string> Parse(string parameters) =>
        parameters.Split(' ').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
}
