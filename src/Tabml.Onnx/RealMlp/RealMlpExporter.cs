using Tabml.Data;
using Tabml.Learners.RealMlp;
using Tabml.Onnx.Export;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.RealMlp;

/// <summary>
/// A RealMLP member: the shared input encoding, the network of each weight set, and the head of
/// <see cref="RealMlpModel"/> (softmax probabilities; or de-standardised, clamped values, method-spec §2.6).
/// The head runs in float64 from the float32 outputs, as the model's own prediction does.
/// </summary>
internal static class RealMlpExporter
{
    public static string Export(ExportContext context, RealMlpModel model)
    {
        var g = context.Graph;
        var inputs = RealMlpInputGraph.Encode(context, model.Encoder);
        var heads = WeightSets(model).Select(parameters => Head(g, model, RealMlpNetworkGraph.Forward(g, inputs, parameters))).ToArray();
        return MemberAverage.Mean(g, heads);
    }

    /// <summary>
    /// The weight sets that share the encoder; their heads' outputs are averaged (method-spec §15 averages
    /// probabilities, or values). A packed ensemble (n_ens) lists each of its sets here.
    /// </summary>
    private static IReadOnlyList<RealMlpParameters> WeightSets(RealMlpModel model) => [model.Parameters];

    private static string Head(OnnxGraph g, RealMlpModel model, string outputs)
    {
        if (model.Task != TaskKind.Regression)
        {
            return g.Cast(g.Softmax(outputs), DataType.Double);
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
