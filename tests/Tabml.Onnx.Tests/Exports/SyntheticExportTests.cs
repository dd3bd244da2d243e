using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;
using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

public sealed class SyntheticBundle() : TrainedBundle(new DatasetSlice(SyntheticData.Name, "y", 400, 300), ["realmlp", "lightgbm-d", "fasttree-d"]);

/// <summary>Every encoding and split kind, checked to be present in the trained models, then against ONNX Runtime.</summary>
[Collection(SharedSyntheticBundle.Name)]
public sealed class SyntheticExportTests(SyntheticBundle trained, ITestOutputHelper output)
{
    [Fact]
    public void The_models_use_every_encoding_and_split_kind_the_exporter_handles()
    {
        var mlp = (RealMlpModel)Member("realmlp-td");
        Assert.Contains(mlp.Encoder.Binary, b => b.Kind == BinaryKind.PlusMinusOne);
        Assert.Contains(mlp.Encoder.Binary, b => b.Kind == BinaryKind.OneHot);
        Assert.Contains(mlp.Encoder.Binary, b => b.Kind == BinaryKind.MissingIndicator);
        Assert.Single(mlp.Encoder.Embeddings);
        Assert.True(mlp.Parameters.Architecture.Pbld);

        var text = Onnx.LightGbm.LightGbmModelText.Parse(((LightGbmModel)Member("lightgbm-d")).ModelText);
        var decisions = text.Trees.SelectMany(t => Onnx.LightGbm.LightGbmModelText.List<int>(t, "decision_type")).ToArray();
        Assert.Contains(decisions, d => (d & 1) == 1);
        Assert.Contains(decisions, d => (d & 1) == 0 && ((d >> 2) & 3) == 2);
        Assert.Contains(text.Trees, t => Onnx.LightGbm.LightGbmModelText.List<uint>(t, "cat_threshold").Length > 1);

        var encodings = ((FastTreeModel)Member("fasttree-d")).Encoder.Columns.Select(c => c.Encoding).ToArray();
        Assert.Contains("ordinal", encodings);
        Assert.Contains("one_hot", encodings);
        Assert.Contains(((FastTreeModel)Member("fasttree-d")).Encoder.Columns, c => c.MissingIndicator);
    }

    [Fact]
    public void The_exported_ensemble_predicts_what_tabml_predicts_on_synthetic_data() =>
        output.WriteLine($"synthetic ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-d")]
    [InlineData("fasttree-d")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_synthetic_data(string member) =>
        output.WriteLine($"synthetic {member}: {trained.ExportAndCheck(member)}");

    private Tabml.Learners.IModel Member(string name) => trained.Bundle.Members.Single(m => m.Name == name).Model;
}

/// <summary>The test classes that share one trained synthetic bundle.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSyntheticBundle : ICollectionFixture<SyntheticBundle>
{
    public const string Name = "synthetic bundle";
}
