using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>Abalone (regression, one categorical column): the default learners and their ensemble.</summary>
public sealed class AbaloneBundle() : TrainedBundle(new DatasetSlice("abalone.csv", "Rings", 400, 300), ["realmlp", "lightgbm", "fasttree"]);

public sealed class RegressionExportTests(AbaloneBundle trained, ITestOutputHelper output) : IClassFixture<AbaloneBundle>
{
    [Fact]
    public void The_exported_ensemble_predicts_what_tabml_predicts_on_abalone() =>
        output.WriteLine($"abalone ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-td")]
    [InlineData("fasttree-td")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_abalone(string member) =>
        output.WriteLine($"abalone {member}: {trained.ExportAndCheck(member)}");
}

/// <summary>auto-mpg (regression; missing horsepower values in training: imputation, indicators, LightGBM's NaN routing).</summary>
public sealed class AutoMpgBundle() : TrainedBundle(new DatasetSlice("auto_mpg.csv", "class", 300, 98), ["realmlp", "lightgbm", "fasttree-d"]);

/// <summary>concrete (regression) with 2-fold cross-fitting: every member is a fold average.</summary>
public sealed class ConcreteFoldsBundle() : TrainedBundle(new DatasetSlice("concrete.csv", "compressive_strength", 300, 300), ["realmlp-s", "lightgbm-d"], folds: 2);

public sealed class MissingValueExportTests(AutoMpgBundle trained, ITestOutputHelper output) : IClassFixture<AutoMpgBundle>
{
    [Fact]
    public void The_exported_ensemble_predicts_what_tabml_predicts_on_auto_mpg() =>
        output.WriteLine($"auto_mpg ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-td")]
    [InlineData("fasttree-d")]
    public void Each_exported_member_predicts_what_tabml_predicts_on_auto_mpg(string member) =>
        output.WriteLine($"auto_mpg {member}: {trained.ExportAndCheck(member)}");
}

public sealed class FoldAverageExportTests(ConcreteFoldsBundle trained, ITestOutputHelper output) : IClassFixture<ConcreteFoldsBundle>
{
    [Fact]
    public void The_exported_ensemble_of_fold_averages_predicts_what_tabml_predicts_on_concrete()
    {
        Assert.All(trained.Bundle.Members, m => Assert.IsType<Tabml.Learners.FoldAverageModel>(m.Model));
        output.WriteLine($"concrete folds ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");
    }

    [Theory]
    [InlineData("realmlp-td-s")]
    [InlineData("lightgbm-d")]
    public void Each_exported_fold_average_predicts_what_tabml_predicts_on_concrete(string member) =>
        output.WriteLine($"concrete folds {member}: {trained.ExportAndCheck(member)}");
}
