using System.Globalization;
using System.Text;
using Tabml.Data;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// Builds the key=value parameter string LightGBM receives (InvariantCulture, LightGBM's own names), with
/// the objective and metric of the task, the reference's seed offsets, and settings that make training
/// deterministic for a given thread count.
/// </summary>
public static class LightGbmParameters
{
    public static string Build(LightGbmSettings settings, TaskKind task, int classCount, int seed, int threads, IReadOnlyList<int> categoricalIndices)
    {
        var s = (long)ReferenceSeed.For(seed);
        var parameters = new List<(string Key, string Value)>();
        void Add(string key, object value) => parameters.Add((key, Convert.ToString(value, CultureInfo.InvariantCulture)!));

        switch (task)
        {
            case TaskKind.Binary:
                Add("objective", "binary");
                Add("metric", "binary_error");
                break;
            case TaskKind.Multiclass:
                Add("objective", "multiclass");
                Add("num_class", classCount);
                Add("metric", "multi_error");
                break;
            default:
                Add("objective", "regression");
                Add("metric", "rmse");
                break;
        }

        Add("num_iterations", settings.NumIterations);
        Add("learning_rate", settings.LearningRate);
        Add("num_leaves", settings.NumLeaves);
        Add("bagging_fraction", settings.BaggingFraction);
        Add("bagging_freq", settings.BaggingFreq);
        Add("feature_fraction", settings.FeatureFraction);
        Add("min_data_in_leaf", settings.MinDataInLeaf);
        Add("min_sum_hessian_in_leaf", settings.MinSumHessianInLeaf);
        Add("lambda_l1", settings.LambdaL1);
        Add("lambda_l2", settings.LambdaL2);
        if (settings.MaxBin is { } maxBin)
        {
            Add("max_bin", maxBin);
        }

        Add("max_depth", settings.MaxDepth);
        Add("data_random_seed", 1 + s);
        Add("feature_fraction_seed", 2 + s);
        Add("bagging_seed", 3 + s);
        Add("drop_seed", 4 + s);
        Add("objective_seed", 5 + s);
        Add("extra_seed", 6 + s);
        Add("verbosity", -1);
        Add("num_threads", threads);

        // LightGBM picks row- or column-wise histograms by timing them, which can change results between
        // runs; fixing the choice (and deterministic=true) makes the same inputs give the same model.
        Add("deterministic", "true");
        Add("force_col_wise", "true");
        if (categoricalIndices.Count > 0)
        {
            Add("categorical_feature", string.Join(",", categoricalIndices));
        }

        var text = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(key).Append('=').Append(value);
        }

        return text.ToString();
    }
}
