using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Calibration;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;

namespace Tabml.Core.Tests.Bundles;

public sealed class ModelBundleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ModelBundleTests() => ConstantModel.EnsureRegistered();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_then_load_keeps_schema_members_weights_and_predictions()
    {
        var bundle = TwoMemberBundle();
        var path = _dir.Combine("m.tabml");

        bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        Assert.Equal(bundle.Schema.Features.Select(f => f.Name), loaded.Schema.Features.Select(f => f.Name));
        Assert.Equal(["blue", "red"], loaded.Schema.Features[0].Categories);
        Assert.Equal(["no", "yes"], loaded.Schema.Target.ClassLabels);
        Assert.Equal(["first", "second"], loaded.Members.Select(m => m.Name));
        Assert.Equal([0.25, 0.75], loaded.Members.Select(m => m.Weight));
        var rows = OneRow();
        Assert.Equal(bundle.Predict(rows).Values, loaded.Predict(rows).Values);
        Assert.Equal(0.5, loaded.Members[0].Validation["error"]);
    }

    [Fact]
    public void Predictions_are_the_weighted_average_of_the_members()
    {
        var predictions = TwoMemberBundle().Predict(OneRow());

        Assert.Equal([(0.25 * 0.2) + (0.75 * 0.6), (0.25 * 0.8) + (0.75 * 0.4)], predictions.Values);
    }

    [Fact]
    public void A_calibrated_blend_predicts_through_its_calibrator_and_keeps_it_on_disk()
    {
        var calibrator = new TemperatureCalibrator(2.5, 2, 40);
        var bundle = TwoMemberBundle(new JsonObject { [EnsembleCalibration.Key] = EnsembleCalibration.ToJson(calibrator) }, second: [0.7, 0.3]);
        var path = _dir.Combine("blend.tabml");
        var rows = OneRow();
        var blend = new Predictions(1, 2, [(0.25 * 0.2) + (0.75 * 0.7), (0.25 * 0.8) + (0.75 * 0.3)]);

        bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        Assert.Equal(calibrator.Apply(blend).Values, bundle.Predict(rows).Values);
        Assert.Equal(bundle.Predict(rows).Values, loaded.Predict(rows).Values);
        Assert.Equal(calibrator, loaded.BlendCalibrator);
        Assert.NotEqual(blend.Values, loaded.Predict(rows).Values);
        Assert.Equal([0.7, 0.3], loaded.Predict(rows, member: "second").Values);
    }

    [Theory]
    [InlineData("{\"method\":\"ts-mix\",\"inverse_temperature\":-1,\"classes\":2,\"calibration_rows\":40}")]
    [InlineData("{\"method\":\"ts-mix\",\"inverse_temperature\":2,\"classes\":3,\"calibration_rows\":40}")]
    [InlineData("{\"method\":\"platt\",\"inverse_temperature\":2,\"classes\":2,\"calibration_rows\":40}")]
    [InlineData("\"ts-mix\"")]
    public void A_bad_blend_calibration_is_a_bad_model_file(string entry)
    {
        var bundle = TwoMemberBundle();
        var path = _dir.Combine("bad-blend.tabml");
        var ensemble = new JsonObject { [EnsembleCalibration.Key] = JsonNode.Parse(entry) };
        new ModelBundle(bundle.Schema, bundle.Settings, bundle.Validation, bundle.Members, new JsonObject()).Save(path);
        string manifest;
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            manifest = reader.ReadToEnd();
        }

        var node = JsonNode.Parse(manifest)!.AsObject();
        node["ensemble"] = ensemble;
        var text = node.ToJsonString();
        ReplaceEntry(path, "manifest.json", text);
        ReplaceEntry(path, "manifest.sha256", BundleWriter.Sha256(Encoding.UTF8.GetBytes(text)));

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.Contains($"ensemble.{EnsembleCalibration.Key} is not a valid ts-mix calibrator for 2 classes", error.Message);
    }

    [Fact]
    public void One_member_can_be_chosen_by_name()
    {
        var predictions = TwoMemberBundle().Predict(OneRow(), member: "second");

        Assert.Equal([0.6, 0.4], predictions.Values);
    }

    [Fact]
    public void The_same_bundle_gives_byte_identical_files()
    {
        var first = _dir.Combine("a.tabml");
        var second = _dir.Combine("b.tabml");

        TwoMemberBundle().Save(first);
        Thread.Sleep(1100);
        TwoMemberBundle().Save(second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void A_truncated_file_is_refused_with_a_model_file_error()
    {
        var path = _dir.Combine("t.tabml");
        TwoMemberBundle().Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.StartsWith($"{path}: ", error.Message);
    }

    [Fact]
    public void A_tampered_member_entry_is_refused()
    {
        var path = _dir.Combine("tampered.tabml");
        TwoMemberBundle().Save(path);
        ReplaceEntry(path, "members/first/outputs.json", "[0.5,0.5]");

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.Contains("member 'first', entry outputs.json: content does not match its sha256", error.Message);
    }

    [Fact]
    public void A_tampered_manifest_is_refused()
    {
        var path = _dir.Combine("manifest.tabml");
        TwoMemberBundle().Save(path);
        string manifest;
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            manifest = reader.ReadToEnd();
        }

        ReplaceEntry(path, "manifest.json", manifest.Replace("0.25", "0.95", StringComparison.Ordinal));

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Contains("manifest.json does not match its sha256", error.Message);
    }

    [Theory]
    [InlineData("not a zip at all", "not a zip archive")]
    [InlineData("", "not a zip archive")]
    public void A_foreign_file_is_refused(string content, string message)
    {
        var path = _dir.File("foreign.tabml", content);

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_zip_without_a_manifest_is_refused()
    {
        var path = _dir.Combine("other.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal($"{path}: not a tabml model bundle (no manifest.json)", error.Message);
    }

    [Fact]
    public void A_bundle_from_a_newer_format_is_refused_with_the_versions()
    {
        var path = _dir.Combine("newer.tabml");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write("{\"format\":\"tabml-model-bundle\",\"format_version\":99}");
        }

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Contains("written by a newer tabml (bundle format 99)", error.Message);
    }

    [Fact]
    public void A_missing_model_file_is_a_model_file_error()
    {
        var path = _dir.Combine("absent.tabml");

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.Equal($"{path}: model file not found", error.Message);
    }

    private static ModelBundle TwoMemberBundle(JsonObject? ensemble = null, double[]? second = null)
    {
        var schema = new DatasetSchema(
            [new ColumnSchema("color", ColumnKind.Categorical, ["blue", "red"]), ColumnSchema.Numeric("x")],
            new TargetSchema("y", TaskKind.Binary, ["no", "yes"]),
            ["NA"]);
        var members = new[]
        {
            new BundleMember("first", new ConstantModel(TaskKind.Binary, [0.2, 0.8]), 0.25, new Dictionary<string, double> { ["error"] = 0.5 }, new JsonObject { ["k"] = 1 }),
            new BundleMember("second", new ConstantModel(TaskKind.Binary, second ?? [0.6, 0.4]), 0.75, new Dictionary<string, double> { ["error"] = 0.25 }, null),
        };
        var settings = new JsonObject { ["models"] = new JsonArray("first", "second"), ["seed"] = 0, ["threads"] = 1 };
        return new ModelBundle(schema, settings, new BundleValidation("holdout", 8, 2, "error"), members, ensemble);
    }

    private static Dataset OneRow() =>
        new([new CategoricalColumn("color", [1], ["blue", "red"]), new NumericColumn("x", [0.5f])], null, 1);

    private static void ReplaceEntry(string path, string name, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(name)!.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
