using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests;

public sealed class ProbeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TensorProto.Types.DataType.Double)]
    [InlineData(TensorProto.Types.DataType.Float)]
    public void TreeEnsemble5(TensorProto.Types.DataType type)
    {
        var model = new ModelProto { IrVersion = 10, Graph = new GraphProto { Name = "g" } };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 21 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 5 });
        var g = model.Graph;
        g.Input.Add(Vi("x", type, 2));
        g.Output.Add(Vi("y", type, 1));
        // tree: node0: x1 member {1,3} -> node1 else leaf2 ; node1: x0 <= 0.5 (missing true) -> leaf0 else leaf1
        var n = new NodeProto { OpType = "TreeEnsemble", Domain = "ai.onnx.ml", Input = { "x" }, Output = { "y" } };
        n.Attribute.Add(Ints("nodes_featureids", 1, 0));
        n.Attribute.Add(Tensor("nodes_modes", TensorProto.Types.DataType.Uint8, [6, 0]));
        n.Attribute.Add(Tensor("nodes_splits", type, [0, 0.5]));
        n.Attribute.Add(Tensor("membership_values", type, [1, 3, double.NaN]));
        n.Attribute.Add(Ints("nodes_truenodeids", 1, 0));
        n.Attribute.Add(Ints("nodes_trueleafs", 0, 1));
        n.Attribute.Add(Ints("nodes_falsenodeids", 2, 1));
        n.Attribute.Add(Ints("nodes_falseleafs", 1, 1));
        n.Attribute.Add(Ints("nodes_missing_value_tracks_true", 0, 1));
        n.Attribute.Add(Ints("leaf_targetids", 0, 0, 0));
        n.Attribute.Add(Tensor("leaf_weights", type, [10, 20, 30]));
        n.Attribute.Add(Ints("tree_roots", 0));
        n.Attribute.Add(new AttributeProto { Name = "n_targets", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        g.Node.Add(n);
        using var s = new InferenceSession(model.ToByteArray());
        double[] xs = [0.2, 1, 0.7, 1, double.NaN, 3, 0.2, 2, 0.2, 0];
        var results = new List<double>();
        if (type == TensorProto.Types.DataType.Double)
        {
            using var r = s.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<double>(xs, [5, 2]))]);
            results.AddRange(r[0].AsTensor<double>());
        }
        else
        {
            using var r = s.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(xs.Select(v => (float)v).ToArray(), [5, 2]))]);
            results.AddRange(r[0].AsTensor<float>().Select(v => (double)v));
        }

        output.WriteLine(string.Join(" ", results));
        Assert.Equal([10, 20, 10, 30, 30], results);
    }

    private static AttributeProto Ints(string name, params long[] v)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.Add(v);
        return a;
    }

    private static AttributeProto Tensor(string name, TensorProto.Types.DataType type, double[] v)
    {
        var t = new TensorProto { DataType = (int)type };
        t.Dims.Add(v.Length);
        switch (type)
        {
            case TensorProto.Types.DataType.Double: t.DoubleData.Add(v); break;
            case TensorProto.Types.DataType.Float: t.FloatData.Add(v.Select(x => (float)x)); break;
            default: t.Int32Data.Add(v.Select(x => (int)x)); break;
        }

        return new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t };
    }

    private static ValueInfoProto Vi(string name, TensorProto.Types.DataType t, int cols)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = cols });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)t, Shape = shape } } };
    }
}
