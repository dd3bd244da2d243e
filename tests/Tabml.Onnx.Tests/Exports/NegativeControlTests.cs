using Google.Protobuf;
using Tabml.Onnx.Tests.Support;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>The agreement check can fail: a deliberately changed exported value must show up as a deviation.</summary>
[Collection(SharedSyntheticBundle.Name)]
public sealed class NegativeControlTests(SyntheticBundle trained)
{
    [Fact]
    public void A_changed_robust_scaling_factor_in_the_exported_RealMLP_is_caught()
    {
        var model = OnnxExporter.Export(trained.Bundle, "realmlp-td");
        var factor = model.Graph.Initializer.First(t => t.Name.StartsWith("factor_", StringComparison.Ordinal));
        factor.RawData = Scaled(factor.RawData, 1.5f);

        var deviation = Support.Agreement.Measure(trained.Bundle, trained.Data, "realmlp-td", OrtScorer.Score(model, trained.Raw));

        Assert.True(deviation.Largest > Support.Agreement.Tolerance, deviation.ToString());
    }

    [Fact]
    public void A_changed_leaf_value_in_the_exported_LightGBM_trees_is_caught()
    {
        var model = OnnxExporter.Export(trained.Bundle, "lightgbm-d");
        var ensemble = model.Graph.Node.Single(n => n.OpType == "TreeEnsemble");
        var leaves = ensemble.Attribute.Single(a => a.Name == "leaf_weights").T;
        var values = new double[leaves.RawData.Length / sizeof(double)];
        Buffer.BlockCopy(leaves.RawData.ToByteArray(), 0, values, 0, leaves.RawData.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += 0.05;
        }

        var bytes = new byte[leaves.RawData.Length];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        leaves.RawData = ByteString.CopyFrom(bytes);

        var deviation = Support.Agreement.Measure(trained.Bundle, trained.Data, "lightgbm-d", OrtScorer.Score(model, trained.Raw));

        Assert.True(deviation.Largest > Support.Agreement.Tolerance, deviation.ToString());
    }

    private static ByteString Scaled(ByteString raw, float factor)
    {
        var values = new float[raw.Length / sizeof(float)];
        Buffer.BlockCopy(raw.ToByteArray(), 0, values, 0, raw.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }

        var bytes = new byte[raw.Length];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return ByteString.CopyFrom(bytes);
    }
}
