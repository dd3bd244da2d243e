using Tabml.Onnx.Graph;

namespace Tabml.Onnx.Export;

/// <summary>Weighted sums of member outputs (float64, same shape), accumulated in the order given as the bundle does.</summary>
internal static class MemberAverage
{
    /// <summary>The plain mean: summed, then scaled by 1/count (as <c>FoldAverageModel</c> does).</summary>
    public static string Mean(OnnxGraph g, IReadOnlyList<string> outputs) =>
        outputs.Count == 1 ? outputs[0] : g.Mul(Sum(g, outputs), g.Scalar(1.0 / outputs.Count));

    /// <summary>The outputs added in the order given.</summary>
    public static string Sum(OnnxGraph g, IReadOnlyList<string> outputs)
    {
        var sum = outputs[0];
        for (var i = 1; i < outputs.Count; i++)
        {
            sum = g.Add(sum, outputs[i]);
        }

        return sum;
    }

    public static string Weighted(OnnxGraph g, IReadOnlyList<string> outputs, IReadOnlyList<double> weights)
    {
        if (outputs.Count == 1 && weights[0] == 1.0)
        {
            return outputs[0];
        }

        string? sum = null;
        for (var i = 0; i < outputs.Count; i++)
        {
            var term = g.Mul(outputs[i], g.Scalar(weights[i]));
            sum = sum is null ? term : g.Add(sum, term);
        }

        return sum!;
    }
}
