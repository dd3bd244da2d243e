using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>
/// Soybean (19 classes, 35 categorical columns with missing values). FastTree-D stands in for FastTree-TD:
/// the same one-versus-all export, with 100 instead of 1000 trees per class, keeps the test short.
/// </summary>
public sealed class SoybeanBundle() : TrainedBundle(new DatasetSlice("soybean.csv", "class", 400, 283), ["realmlp", "lightgbm", "fasttree-d"]);

public sealed class MulticlassExportTests(SoybeanBundle trained, ITestOutputHelper output) : IClassFixture<SoybeanBundle>
{
    [Fact]
    public void The_exported_ensemble_predicts_what_tabml_predicts_on_soybean() =>
        output.WriteLine($"soybean ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-td")]
    [InlineData("fasttree-d")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_soybean(string member) =>
        output.WriteLine($"soybean {member}: {trained.ExportAndCheck(member)}");
}
