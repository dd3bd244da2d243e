using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>Adult (binary; 8 categorical columns, missing categories): the default learners and their ensemble.</summary>
public sealed class AdultBundle() : TrainedBundle(new DatasetSlice("adult.csv", "income", 600, 400), ["realmlp", "lightgbm", "fasttree"]);

/// <summary>credit-g (binary, 13 categorical columns): the other learners (RealMLP-TD-S by its alias) and their ensemble.</summary>
public sealed class CreditBundle() : TrainedBundle(new DatasetSlice("credit_g.csv", "class", 500, 300), ["realmlp-s", "mlp-d", "lightgbm-d", "fasttree-d"]);

public sealed class AdultExportTests(AdultBundle trained, ITestOutputHelper output) : IClassFixture<AdultBundle>
{
    [Fact]
    public void The_exported_ensemble_predicts_what_tabml_predicts_on_adult() =>
        output.WriteLine($"adult ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-td")]
    [InlineData("fasttree-td")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_adult(string member) =>
        output.WriteLine($"adult {member}: {trained.ExportAndCheck(member)}");
}

public sealed class CreditExportTests(CreditBundle trained, ITestOutputHelper output) : IClassFixture<CreditBundle>
{
    [Fact]
    public void The_exported_ensemble_of_the_other_learners_predicts_what_tabml_predicts_on_credit_g() =>
        output.WriteLine($"credit_g ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");

    [Theory]
    [InlineData("realmlp-td-s")]
    [InlineData("mlp-d")]
    [InlineData("lightgbm-d")]
    [InlineData("fasttree-d")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_credit_g(string member) =>
        output.WriteLine($"credit_g {member}: {trained.ExportAndCheck(member)}");

    [Fact]
    public void A_member_named_by_an_alias_exports_as_by_its_canonical_name_and_ensemble_names_the_whole_bundle()
    {
        var bundle = trained.Bundle;
        Assert.Contains(bundle.Members, m => m.Name == "realmlp-td-s");

        Assert.Equal(OnnxExporter.Export(bundle, "realmlp-td-s"), OnnxExporter.Export(bundle, "realmlp-s"));
        Assert.NotEqual(OnnxExporter.Export(bundle, "realmlp-td-s"), OnnxExporter.Export(bundle, "mlp-d"));
        Assert.Equal(OnnxExporter.Export(bundle), OnnxExporter.Export(bundle, "ensemble"));
    }
}
