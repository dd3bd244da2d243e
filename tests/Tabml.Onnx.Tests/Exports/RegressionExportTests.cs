using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>Abalone (regression, one categorical column): the default learners and their ensemble.</summary>
public sealed class AbaloneBundle() : TrainedBundle(new DatasetSlice("abalone.csv", "Rings", 400, 300), ["realmlp", "lightgbm", "fasttree"]);

public sealed class RegressionExportTests(AbaloneBundle trained, ITestOutputHelper output) : IClassFixture<AbaloneBundle>
{
    [Fact]
    public void The_exported_ensemble_predicts_what_tabml_predicts_on_abalone() =>
        output.WriteLine($"abalone ensemble: {trained.ExportAndCheck()}");

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-td")]
    [InlineData("fasttree-td")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_abalone(string member) =>
        output.WriteLine($"abalone {member}: {trained.ExportAndCheck(member)}");
}
