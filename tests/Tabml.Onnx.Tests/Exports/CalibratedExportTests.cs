using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Calibration;
using Tabml.Learners.RealMlp;
using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>
/// credit-g with the default preset's calibration (every member wrapped in ts-mix) and a packed RealMLP
/// (n_ens = 4, method-spec §15) inside its calibration.
/// </summary>
public sealed class CalibratedCreditBundle() : TrainedBundle(
    new DatasetSlice("credit_g.csv", "class", 500, 300), ["realmlp", "lightgbm", "fasttree-d"], options: new TrainedBundleOptions(Calibrate: true, RealMlpEnsemble: 4));

/// <summary>Soybean (19 classes) calibrated, with a packed RealMLP: ts-mix and the networks' mean over many classes.</summary>
public sealed class CalibratedSoybeanBundle() : TrainedBundle(
    new DatasetSlice("soybean.csv", "class", 400, 283), ["realmlp", "lightgbm-d", "fasttree-d"], options: new TrainedBundleOptions(Calibrate: true, RealMlpEnsemble: 4));

public sealed class CalibratedExportTests(CalibratedCreditBundle trained, ITestOutputHelper output) : IClassFixture<CalibratedCreditBundle>
{
    [Fact]
    public void The_exported_calibrated_ensemble_predicts_what_tabml_predicts_on_credit_g()
    {
        Assert.All(trained.Bundle.Members, m => Assert.IsType<CalibratedModel>(m.Model));
        output.WriteLine($"credit_g calibrated ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");
    }

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-td")]
    [InlineData("fasttree-d")]
    public void Each_exported_calibrated_member_predicts_what_tabml_predicts_on_credit_g(string member) =>
        output.WriteLine($"credit_g calibrated {member}: {trained.ExportAndCheck(member)}");

    [Fact]
    public void The_inner_model_without_its_calibration_does_not_pass_for_the_calibrated_member()
    {
        var calibrated = Assert.IsType<CalibratedModel>(Assert.Single(trained.Bundle.Members, m => m.Name == "lightgbm-td").Model);
        var bundle = new ModelBundle(trained.Bundle.Schema, [], trained.Bundle.Validation, [new BundleMember("lightgbm-td", calibrated.Inner, 1.0, new Dictionary<string, double>(), null)]);

        var deviation = Agreement.Measure(trained.Bundle, trained.Data, "lightgbm-td", OrtScorer.Score(OnnxExporter.Export(bundle), trained.Raw));

        Assert.True(deviation.Largest > Agreement.Tolerance, deviation.ToString());
    }

    [Fact]
    public void A_calibrated_blend_exports_through_its_calibrator()
    {
        // The same members with the blend calibrated once more (as preset best stores it).
        var plain = trained.Bundle;
        var ensemble = new JsonObject { [EnsembleCalibration.Key] = EnsembleCalibration.ToJson(new TemperatureCalibrator(1.7, 2, 300)) };
        var blended = new ModelBundle(plain.Schema, plain.Settings, plain.Validation, plain.Members, ensemble);

        var exported = Agreement.Measure(blended, trained.Data, null, OrtScorer.Score(OnnxExporter.Export(blended), trained.Raw));
        var withoutCalibration = Agreement.Measure(blended, trained.Data, null, OrtScorer.Score(OnnxExporter.Export(plain), trained.Raw));
        var oneMember = Agreement.Measure(blended, trained.Data, "lightgbm-td", OrtScorer.Score(OnnxExporter.Export(blended, "lightgbm-td"), trained.Raw));

        Assert.True(exported.Largest <= Agreement.Tolerance, exported.ToString());
        Assert.True(withoutCalibration.Largest > Agreement.Tolerance, withoutCalibration.ToString());
        Assert.True(oneMember.Largest <= Agreement.Tolerance, oneMember.ToString());
        output.WriteLine($"credit_g calibrated blend: {exported}");
    }

    [Fact]
    public void The_packed_RealMLP_member_holds_four_different_networks()
    {
        var model = PackedRealMlp.Of(trained.Bundle);

        PackedRealMlp.AssertDistinctNetworks(model, 4);
    }
}

public sealed class CalibratedMulticlassExportTests(CalibratedSoybeanBundle trained, ITestOutputHelper output) : IClassFixture<CalibratedSoybeanBundle>
{
    [Fact]
    public void The_exported_calibrated_ensemble_predicts_what_tabml_predicts_on_soybean()
    {
        Assert.All(trained.Bundle.Members, m => Assert.IsType<CalibratedModel>(m.Model));
        PackedRealMlp.AssertDistinctNetworks(PackedRealMlp.Of(trained.Bundle), 4);
        output.WriteLine($"soybean calibrated ensemble: {trained.ExportAndCheck()}; trained in {trained.TrainSeconds:F1} s");
    }

    [Theory]
    [InlineData("realmlp-td")]
    [InlineData("lightgbm-d")]
    [InlineData("fasttree-d")]
    public void Each_exported_calibrated_member_predicts_what_tabml_predicts_on_soybean(string member) =>
        output.WriteLine($"soybean calibrated {member}: {trained.ExportAndCheck(member)}");
}

/// <summary>The bundle's RealMLP member (inside its calibration, if any) and checks that its networks differ.</summary>
public static class PackedRealMlp
{
    public static RealMlpModel Of(ModelBundle bundle)
    {
        var model = Assert.Single(bundle.Members, m => m.Name == "realmlp-td").Model;
        return Assert.IsType<RealMlpModel>(model is CalibratedModel calibrated ? calibrated.Inner : model);
    }

    /// <summary>n_ens weight sets that are not copies of each other (else averaging could not be told from the first).</summary>
    public static void AssertDistinctNetworks(RealMlpModel model, int count)
    {
        Assert.Equal(count, model.Networks.Count);
        var firstLayers = model.Networks.Select(n => n.Weights[0].Value.ToArray()).ToArray();
        for (var i = 1; i < count; i++)
        {
            Assert.NotEqual(firstLayers[0], firstLayers[i]);
        }
    }
}
