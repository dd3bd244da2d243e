using System.Text;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Learners;
using Tabml.Learners.RealMlp;
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

    [Fact]
    public void The_first_network_alone_does_not_pass_for_the_packed_model()
    {
        var packed = PackedRealMlp.Of(trained.Bundle);
        using var first = FirstNetwork(packed);
        var bundle = new ModelBundle(trained.Bundle.Schema, [], trained.Bundle.Validation, [new BundleMember("realmlp-td", first, 1.0, new Dictionary<string, double>(), null)]);

        var deviation = Agreement.Measure(trained.Bundle, trained.Data, "realmlp-td", OrtScorer.Score(OnnxExporter.Export(bundle), trained.Raw));

        Assert.True(deviation.Largest > Agreement.Tolerance, deviation.ToString());
    }

    /// <summary>The packed model saved and loaded back with its first weight set only (format 2 with networks = 1).</summary>
    private static IModel FirstNetwork(RealMlpModel packed)
    {
        var saved = new InMemoryArtifacts();
        packed.Save(saved);
        var file = JsonNode.Parse(saved.Read("preprocessing.json"))!.AsObject();
        Assert.Equal(packed.Networks.Count, (int)file["networks"]!);
        file["networks"] = 1;
        var edited = new InMemoryArtifacts();
        edited.Write("preprocessing.json", Encoding.UTF8.GetBytes(file.ToJsonString()));
        edited.Write("weights.bin", saved.Read("weights.bin")[..(packed.Parameters.Count * sizeof(float))]);
        return RealMlpModel.Load(edited, new ModelLoadContext(packed.LearnerName, packed.Task, packed.ClassCount));
    }
}
