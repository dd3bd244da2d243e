using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tabml.Data;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>What a user of the exported file relies on: names, types and shapes of inputs and outputs, opsets, determinism.</summary>
[Collection(SharedSyntheticBundle.Name)]
public sealed class GraphContractTests(SyntheticBundle trained)
{
    [Fact]
    public void Inputs_are_the_raw_feature_columns_named_as_the_columns_with_float_or_string_type_and_shape_N_by_1()
    {
        var model = OnnxExporter.Export(trained.Bundle);

        var schema = trained.Bundle.Schema.Features;
        Assert.Equal(schema.Select(f => f.Name), model.Graph.Input.Select(i => i.Name));
        foreach (var (input, column) in model.Graph.Input.Zip(schema))
        {
            var type = input.Type.TensorType;
            Assert.Equal((int)(column.Kind == ColumnKind.Numeric ? DataType.Float : DataType.String), type.ElemType);
            Assert.Equal("N", type.Shape.Dim[0].DimParam);
            Assert.Equal(1, type.Shape.Dim[1].DimValue);
        }
    }

    [Fact]
    public void Classification_outputs_are_the_label_and_the_probabilities_in_class_order()
    {
        var model = OnnxExporter.Export(trained.Bundle);

        Assert.Equal(["label", "probabilities"], model.Graph.Output.Select(o => o.Name));
        Assert.Equal((int)DataType.String, model.Graph.Output[0].Type.TensorType.ElemType);
        Assert.Single(model.Graph.Output[0].Type.TensorType.Shape.Dim);
        Assert.Equal(trained.Bundle.Schema.Target.ClassLabels.Count, model.Graph.Output[1].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Contains(model.MetadataProps, p => p.Key == "tabml.class_labels" && p.Value == "[\"no\",\"yes\"]");
    }

    [Fact]
    public void The_model_declares_IR_version_10_and_opsets_21_and_ml_5()
    {
        var model = OnnxExporter.Export(trained.Bundle);

        Assert.Equal(10, model.IrVersion);
        Assert.Equal(21, model.OpsetImport.Single(o => o.Domain.Length == 0).Version);
        Assert.Equal(5, model.OpsetImport.Single(o => o.Domain == "ai.onnx.ml").Version);
    }

    [Fact]
    public void The_same_bundle_exports_to_the_same_bytes()
    {
        Assert.Equal(OnnxExporter.Export(trained.Bundle).ToByteArray(), OnnxExporter.Export(trained.Bundle).ToByteArray());
    }

    [Fact]
    public void An_unseen_category_scores_exactly_like_a_missing_one()
    {
        var model = OnnxExporter.Export(trained.Bundle);
        using var session = new InferenceSession(model.ToByteArray());

        float[] Score(string c1) => session.Run(
        [
            NamedOnnxValue.CreateFromTensor("x1", new DenseTensor<float>(new[] { float.NaN }, [1, 1])),
            NamedOnnxValue.CreateFromTensor("x2", new DenseTensor<float>(new[] { 0.3f }, [1, 1])),
            NamedOnnxValue.CreateFromTensor("c1", new DenseTensor<string>(new[] { c1 }, [1, 1])),
            NamedOnnxValue.CreateFromTensor("c2", new DenseTensor<string>(new[] { "level1" }, [1, 1])),
            NamedOnnxValue.CreateFromTensor("c3", new DenseTensor<string>(new[] { "only" }, [1, 1])),
        ]).Single(r => r.Name == "probabilities").AsTensor<float>().ToArray();

        Assert.Equal(Score(string.Empty), Score("not-a-category"));
        Assert.NotEqual(Score(string.Empty), Score("k00"));
    }
}
