using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners.FastTree;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using Tabml.Onnx.Trees;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.FastTree;

/// <summary>
/// A FastTree member: its feature encoding, the trees of each ML.NET model (one per class for
/// one-versus-all) as one TreeEnsemble with a target per model, then ML.NET's prediction: the score is the
/// tree sum rounded to float32; binary models map it through their Platt calibrator
/// p = 1 / (1 + exp(a·score + b)) (float32 result); one-versus-all probabilities are normalised per row as
/// <see cref="FastTreeModel"/> does.
/// </summary>
internal static class FastTreeExporter
{
    public static string Export(ExportContext context, FastTreeModel model)
    {
        var g = context.Graph;
        var models = model.Transformers.Select(Parameters).ToArray();
        var trees = models.SelectMany((m, k) => FastTreeTrees.Read(m.Trees.TrainedTreeEnsemble, k)).ToArray();
        var features = FastTreeFeatureGraph.Features(context, model.Encoder);
        var score = Float32(g, TreeEnsembleGraph.Sum(g, features, trees, models.Length));
        if (context.Task == TaskKind.Regression)
        {
            return score;
        }

        var slopes = models.Select(m => m.Calibrator?.Slope ?? throw Unsupported("a classifier without a Platt calibrator")).ToArray();
        var offsets = models.Select(m => m.Calibrator!.Offset).ToArray();
        var z = g.Add(g.Mul(score, g.Constant("platt_slope", slopes, slopes.Length)), g.Constant("platt_offset", offsets, offsets.Length));
        var probabilities = Float32(g, g.Div(g.Scalar(1.0), g.Add(g.Scalar(1.0), g.Exp(z))));
        return context.Task == TaskKind.Binary ? g.Concat([g.Sub(g.Scalar(1.0), probabilities), probabilities], 1) : OneVersusAll(g, probabilities, models.Length);
    }

    /// <summary>Each class's probability divided by the row's sum; a row summing to 0 gets 1/K everywhere.</summary>
    private static string OneVersusAll(OnnxGraph g, string probabilities, int classes)
    {
        var sum = g.RowSum(probabilities);
        return g.Where(g.Greater(sum, g.Scalar(0.0)), g.Div(probabilities, sum), g.Scalar(1.0 / classes));
    }

    /// <summary>Rounds float64 values to float32 and back, where ML.NET hands a float on.</summary>
    private static string Float32(OnnxGraph g, string x) => g.Cast(g.Cast(x, DataType.Float), DataType.Double);

    private static (TreeEnsembleModelParametersBasedOnRegressionTree Trees, PlattCalibrator? Calibrator) Parameters(ITransformer transformer) => transformer switch
    {
        BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> binary => (binary.Model.SubModel, binary.Model.Calibrator),
        RegressionPredictionTransformer<FastTreeRegressionModelParameters> regression => (regression.Model, null),
        _ => throw Unsupported($"the ML.NET model {transformer.GetType().Name}"),
    };

    private static TabmlException Unsupported(string what) => new(ExitCodes.Usage, $"FastTree: {what} cannot be exported to ONNX");
}
