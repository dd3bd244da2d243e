using System.Text;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Core.Tests.Fuzzing;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Numerics.Simd;
using Tabml.Training;

namespace Tabml.Core.Tests.Bundles;

/// <summary>A bundle's settings are checked against their typed records when it is read.</summary>
public sealed class BundleSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_trained_bundle_records_the_instruction_set_it_was_trained_with()
    {
        using var bundle = ModelBundle.Load(Trained());

        var description = BundleDescription.Describe("m", bundle);

        Assert.Equal(SimdSupport.Active, description.InstructionSet);
        Assert.Equal("lightgbm-td", description.BestMember);
    }

    [Theory]
    [InlineData("members", "settings: unknown key 'num_leavs'")]
    [InlineData("settings", "settings: unknown key 'presets'")]
    [InlineData("simd", "settings: key 'simd': 'avx9' is not one of 'scalar', 'vector256', 'vector512'")]
    [InlineData("best", "ensemble.best_member \"xgboost\" names no member")]
    public void Unknown_settings_keys_or_values_make_a_bad_model_file_naming_the_key(string where, string problem)
    {
        var path = Trained();
        Edit(path, manifest =>
        {
            switch (where)
            {
                case "members":
                    manifest["members"]![0]!["settings"]!["num_leavs"] = 3;
                    break;
                case "settings":
                    manifest["settings"]!["presets"] = "best";
                    break;
                case "simd":
                    manifest["settings"]!["simd"] = "avx9";
                    break;
                default:
                    manifest["ensemble"]!["best_member"] = "xgboost";
                    break;
            }
        });

        var error = Assert.Throws<TabmlException>(() => ModelBundle.Load(path));

        Assert.Equal(ExitCodes.BadModelFile, error.ExitCode);
        Assert.EndsWith(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}: manifest.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_written_before_the_instruction_set_was_recorded_still_loads()
    {
        var path = Trained();
        Edit(path, manifest => manifest["settings"]!.AsObject().Remove("simd"));

        using var bundle = ModelBundle.Load(path);

        Assert.Null(BundleDescription.Describe(path, bundle).InstructionSet);
    }

    private string Trained()
    {
        var data = SyntheticData.Make(TaskKind.Binary, 120);
        var schema = new DatasetSchema(
            data.Features.Select(f => f is CategoricalColumn c ? new ColumnSchema(f.Name, ColumnKind.Categorical, c.Categories) : ColumnSchema.Numeric(f.Name)).ToArray(),
            new TargetSchema("y", TaskKind.Binary, data.RequireTarget().ClassLabels),
            []);
        using var result = new Trainer().Train(new TrainingData(data, schema, 120, 0, []), new TrainOptions { Models = ["lightgbm"] }).Bundle;
        var path = _dir.Combine($"{Guid.NewGuid():N}.tabml");
        result.Save(path);
        return path;
    }

    /// <summary>Edits manifest.json and recomputes its sha256, as a writer of a damaged bundle could.</summary>
    private static void Edit(string path, Action<JsonNode> edit)
    {
        var entries = BundleMutator.Read(File.ReadAllBytes(path));
        var index = entries.FindIndex(e => e.Name == "manifest.json");
        var manifest = JsonNode.Parse(entries[index].Content)!;
        edit(manifest);
        entries[index] = ("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        File.WriteAllBytes(path, BundleMutator.Write(BundleMutator.FixManifestHash(entries)));
    }
}
