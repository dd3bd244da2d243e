using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>Abalone (regression) with a packed RealMLP-TD (n_ens = 4): the mean of four de-standardised, clamped outputs.</summary>
public sealed class PackedAbaloneBundle() : TrainedBundle(
    new DatasetSlice("abalone.csv", "Rings", 400, 300), ["realmlp"], options: new TrainedBundleOptions(RealMlpEnsemble: 4));

public sealed class PackedRegressionExportTests(PackedAbaloneBundle trained, ITestOutputHelper output) : IClassFixture<PackedAbaloneBundle>
{
    [Fact]
    public void The_exported_packed_RealMLP_predicts_what_tabml_predicts_on_abalone()
    {
        PackedRealMlp.AssertDistinctNetworks(PackedRealMlp.Of(trained.Bundle), 4);
        output.WriteLine($"abalone packed realmlp-td: {trained.ExportAndCheck("realmlp-td")}; trained in {trained.TrainSeconds:F1} s");
    }
}
