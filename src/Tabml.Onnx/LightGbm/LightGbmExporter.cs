using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners.LightGbm;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using Tabml.Onnx.Trees;

namespace Tabml.Onnx.LightGbm;

/// <summary>
/// A LightGBM member: the raw feature matrix of <see cref="LightGbmFeatureLayout"/> (numeric values with NaN,
/// then category codes), the trees of its model text summed per class (tree i adds to class
/// i mod num_tree_per_iteration), and the objective's transform: sigmoid(σ·score) for binary, softmax for
/// multiclass, the score itself for regression.
/// </summary>
internal static class LightGbmExporter
{
    private static readonly HashSet<string> IdentityObjectives = new(StringComparer.Ordinal)
    {
        "regression", "regression_l2", "l2", "mean_squared_error", "mse", "l2_root", "root_mean_squared_error", "rmse",
        "regression_l1", "l1", "mean_absolute_error", "mae", "huber", "fair", "quantile", "mape", "mean_absolute_percentage_error",
    };

    public static string Export(ExportContext context, LightGbmModel model)
    {
        var g = context.Graph;
        var text = LightGbmModelText.Parse(model.ModelText);
        var layout = model.Layout;
        if (text.FeatureCount != layout.Width)
        {
            throw LightGbmModelText.Corrupt($"{text.FeatureCount} features, the layout has {layout.Width}");
        }

        var perIteration = Math.Max(1, text.TreesPerIteration);
        var trees = text.Trees.Select((lines, i) => LightGbmTrees.Read(lines, i % perIteration)).ToArray();
        var columns = layout.Numeric.Select(context.Numeric).Concat(layout.Categorical.Select(context.CodeColumn)).ToArray();
        var score = TreeEnsembleGraph.Sum(g, TreeEnsembleGraph.Features(g, columns), trees, perIteration);
        if (text.AverageOutput && trees.Length > 0)
        {
            // Random-forest mode predicts the mean over iterations.
            score = g.Mul(score, g.Scalar(1.0 / (trees.Length / perIteration)));
        }

        return Transform(g, context, text, score, perIteration);
    }

    private static string Transform(OnnxGraph g, ExportContext context, LightGbmModelText text, string score, int perIteration)
    {
        var objective = text.Objective;
        switch (context.Task)
        {
            case TaskKind.Binary when objective == "binary" && perIteration == 1:
                var sigmoid = text.ObjectiveParameters.TryGetValue("sigmoid", out var s) ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 1.0;
                var positive = g.Sigmoid(g.Mul(score, g.Scalar(sigmoid)));
                return g.Concat([g.Sub(g.Scalar(1.0), positive), positive], 1);
            case TaskKind.Multiclass when objective is "multiclass" or "softmax" && perIteration == context.OutputCount:
                return g.Softmax(score);
            case TaskKind.Regression when IdentityObjectives.Contains(objective) && !text.ObjectiveParameters.ContainsKey("sqrt") && perIteration == 1:
                return score;
            default:
                throw new TabmlException(ExitCodes.Usage, $"LightGBM objective '{objective}' with {perIteration} trees per iteration cannot be exported for a {context.Task.ToName()} model");
        }
    }
}
