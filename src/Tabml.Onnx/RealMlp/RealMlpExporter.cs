using Tabml.Data;
using Tabml.Learners.RealMlp;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.RealMlp;

/// <summary>
/// A RealMLP member: the shared input encoding, the network of each of its n_ens weight sets (a packed
/// ensemble, method-spec §15, has several), and the head of <see cref="RealMlpModel"/>: each network's
/// float32 outputs turned into float64 softmax probabilities, or de-standardised, clamped values
/// (method-spec §2.6); summed in network order and divided by n_ens, as the model's prediction does.
/// </summary>
internal static class RealMlpExporter
{
    public static string Export(ExportContext context, RealMlpModel model)
    {
        var g = context.Graph;
        var inputs = RealMlpInputGraph.Encode(context, model.Encoder);
        var heads = WeightSets(model).Select(parameters => Head(g, model, RealMlpNetworkGraph.Forward(g, inputs, parameters))).ToArray();
        return heads.Length == 1 ? heads[0] : g.Div(MemberAverage.Sum(g, heads), g.Scalar((double)heads.Length));
    }

    /// <summary>Every network's parameters, in the order the model averages them.</summary>
    private static IReadOnlyList<RealMlpParameters> WeightSets(RealMlpModel model) => model.Networks;

    private static string Head(OnnxGraph g, RealMlpModel model, string outputs)
    {
        if (model.Task != TaskKind.Regression)
        {
            // The model's softmax runs in float64 on the float32 logits.
            return g.Softmax(g.Cast(outputs, DataType.Double));
        }

        var scaling = model.Scaling;
        var value = g.Cast(outputs, DataType.Double);
        if (scaling.Normalize)
        {
            value = g.Add(g.Mul(value, g.Scalar(scaling.Std)), g.Scalar(scaling.Mean));
        }

        return scaling.Clamp ? g.Clip(value, g.Scalar(scaling.Min), g.Scalar(scaling.Max)) : value;
    }
}
