using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tabml.Onnx.Graph;
using Tabml.Onnx.Trees;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.Tests.Trees;

/// <summary>Hand-made trees through the TreeEnsemble builder and ONNX Runtime, against hand-computed sums.</summary>
public sealed class TreeEnsembleGraphTests
{
    [Fact]
    public void Trees_route_thresholds_sets_and_missing_values_and_sum_per_target()
    {
        var g = new OnnxGraph();
        var features = TreeEnsembleGraph.Features(g, [g.Input("a", DataType.Float), g.Input("b", DataType.Float)]);
        DecisionTree[] trees =
        [
            // a ≤ 0.5 (missing left) → 1; else b ∈ {2, 33} → 10; else 100.
            new(0, [new TreeSplit(0, SplitTest.LessOrEqual, 0.5, null, TreeChild.Leaf(0), TreeChild.Split(1), true), new TreeSplit(1, SplitTest.Member, 0, [2, 33], TreeChild.Leaf(1), TreeChild.Leaf(2), false)], [1, 10, 100]),
            new(1, [], [7]),
            // b ≤ 1.5 (missing right) → 0.25; else −0.25.
            new(1, [new TreeSplit(1, SplitTest.LessOrEqual, 1.5, null, TreeChild.Leaf(0), TreeChild.Leaf(1), false)], [0.25, -0.25]),
        ];
        g.Output(g.Cast(TreeEnsembleGraph.Sum(g, features, trees, 2), DataType.Float), "sums", DataType.Float, [null, 2]);
        var model = OnnxExporter.Model(g, "test");
        float[] a = [0.2f, float.NaN, 0.7f, 0.7f, 0.7f, 0.7f];
        float[] b = [2f, 33f, 33f, 3f, float.NaN, 1f];

        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model));
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("a", new DenseTensor<float>(a, [6, 1])),
            NamedOnnxValue.CreateFromTensor("b", new DenseTensor<float>(b, [6, 1])),
        ]);

        Assert.Equal([1, 6.75f, 1, 6.75f, 10, 6.75f, 100, 6.75f, 100, 6.75f, 100, 7.25f], results[0].AsTensor<float>().ToArray());
    }
}
