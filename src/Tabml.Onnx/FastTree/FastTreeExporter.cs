using Tabml.Data;
using Tabml.Learners.FastTree;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using Tabml.Onnx.Trees;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.FastTree;

/// <summary>
/// A FastTree member: its feature encoding, the kept trees of each fit (one per class for one-versus-all) as
/// one TreeEnsemble with a target per fit, then what <see cref="FastTreeOutputs"/> computes: regression the
/// tree sum rounded to float32; binary the Platt probability p = 1 / (1 + exp(a·score + b)) of the float32
/// score (float32 result); multiclass either the softmax of the classes' logits −(a·score + b) or (format 1
/// bundles) the Platt probabilities normalised per row.
/// </summary>
internal static class FastTreeExporter
{
    public static string Export(ExportContext context, FastTreeModel model)
    {
        var g = context.Graph;
        var fits = model.Fits;
        var trees = fits.SelectMany((f, k) => FastTreeTrees.Read(f.Forest, model.KeptTrees[k], k)).ToArray();
        var features = FastTreeFeatureGraph.Features(context, model.Encoder);
        var score = Float32(g, TreeEnsembleGraph.Sum(g, features, trees, fits.Count));
        if (context.Task == TaskKind.Regression)
        {
            return score;
        }

        var slopes = fits.Select(f => f.Slope).ToArray();
        var offsets = fits.Select(f => f.Offset).ToArray();
        var z = g.Add(g.Mul(score, g.Constant("platt_slope", slopes, slopes.Length)), g.Constant("platt_offset", offsets, offsets.Length));
        if (context.Task == TaskKind.Multiclass && model.Combination == OneVersusAll.Softmax)
        {
            return g.Softmax(g.Sub(g.Scalar(0.0), z));
        }

        var probabilities = Float32(g, g.Div(g.Scalar(1.0), g.Add(g.Scalar(1.0), g.Exp(z))));
        return context.Task == TaskKind.Binary ? g.Concat([g.Sub(g.Scalar(1.0), probabilities), probabilities], 1) : NormalisedSigmoids(g, probabilities, fits.Count);
    }

    /// <summary>Each class's probability divided by the row's sum; a row summing to 0 gets 1/K everywhere.</summary>
    private static string NormalisedSigmoids(OnnxGraph g, string probabilities, int classes)
    {
        var sum = g.RowSum(probabilities);
        return g.Where(g.Greater(sum, g.Scalar(0.0)), g.Div(probabilities, sum), g.Scalar(1.0 / classes));
    }

    /// <summary>Rounds float64 values to float32 and back, where ML.NET hands a float on.</summary>
    private static string Float32(OnnxGraph g, string x) => g.Cast(g.Cast(x, DataType.Float), DataType.Double);
}
