using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;
using Tabml.Settings;

namespace Tabml.Core.Tests.Settings;

/// <summary>defaults/*.json and bundle settings are typed: enums for closed choices, and an unknown key or value is an error naming file and key.</summary>
public sealed class TypedSettingsTests
{
    [Fact]
    public void Every_learner_has_defaults_for_each_task_that_load_into_its_typed_settings()
    {
        foreach (var name in ModelNames.Learners.Select(n => n.Canonical))
        {
            foreach (var task in new[] { TaskKind.Binary, TaskKind.Multiclass, TaskKind.Regression })
            {
                var settings = LearnerCatalog.Create(name, task).Settings;
                Assert.Equal(LearnerCatalog.SettingsType(name), settings.GetType());
            }
        }

        Assert.All(DefaultsCatalog.Names, n => Assert.True(ModelNames.TryResolve(n.Split('.')[0], out _), n));
    }

    [Fact]
    public void Enums_keep_todays_json_spellings_so_existing_defaults_and_bundles_still_read()
    {
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary);

        var json = JsonSerializer.Serialize(settings, DefaultsCatalog.JsonOptions);
        var node = JsonNode.Parse(json)!;

        var spellings = new Dictionary<string, string>
        {
            ["num_emb_type"] = "pbld", ["weight_param"] = "ntk", ["numeric_scaling"] = "robust_smooth_clip", ["weight_init_mode"] = "std",
            ["bias_init_mode"] = "he+5", ["activation"] = "selu", ["p_drop_sched"] = "flat_cos", ["lr_sched"] = "coslog4",
        };
        Assert.All(spellings, pair => Assert.Equal(pair.Value, node[pair.Key]!.GetValue<string>()));

        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<RealMlpSettings>(json, DefaultsCatalog.JsonOptions), DefaultsCatalog.JsonOptions));
    }

    [Theory]
    [InlineData("activation", "\"sigmoid\"", "key 'activation': 'sigmoid' is not one of 'selu', 'mish', 'relu'")]
    [InlineData("lr_sched", "2", "key 'lr_sched': expected one of 'constant', 'flat_cos', 'coslog4', found a number")]
    [InlineData("bias_init_mode", "\"He+5\"", "key 'bias_init_mode': 'He+5' is not one of 'he+5', 'normal', 'zeros'")]
    [InlineData("activaton", "\"selu\"", "unknown key 'activaton'")]
    public void A_defaults_file_with_an_unknown_key_or_value_is_an_error_naming_file_and_key(string key, string value, string problem)
    {
        var node = JsonSerializer.SerializeToNode(RealMlpDefaults.Load("realmlp-td", TaskKind.Binary), DefaultsCatalog.JsonOptions)!.AsObject();
        node[key] = JsonNode.Parse(value);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(node.ToJsonString()));

        var error = Assert.Throws<InvalidOperationException>(() => DefaultsCatalog.Read<RealMlpSettings>("realmlp-td.classification", stream));

        Assert.Equal($"defaults/realmlp-td.classification.json: {problem}", error.Message);
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        var node = JsonSerializer.SerializeToNode(LightGbmLearner.Create("lightgbm-td", TaskKind.Binary).Settings, typeof(LightGbmSettings), DefaultsCatalog.JsonOptions)!.AsObject();
        node.Remove("num_leaves");

        var error = Assert.Throws<InvalidOperationException>(() => SettingsJson.Read<LightGbmSettings>(node, DefaultsCatalog.JsonOptions, p => new InvalidOperationException(p)));

        Assert.Equal("missing key(s) 'num_leaves'", error.Message);
    }

    [Fact]
    public void FastTree_settings_refuse_unknown_keys_too()
    {
        var node = JsonSerializer.SerializeToNode(FastTreeLearner.Create("fasttree-td", TaskKind.Binary).Settings, typeof(FastTreeSettings), DefaultsCatalog.JsonOptions)!.AsObject();
        node["number_of_trees"] = "many";

        var error = Assert.Throws<InvalidOperationException>(() => SettingsJson.Read<FastTreeSettings>(node, DefaultsCatalog.JsonOptions, p => new InvalidOperationException(p)));

        Assert.StartsWith("key 'number_of_trees': ", error.Message, StringComparison.Ordinal);
    }
}
