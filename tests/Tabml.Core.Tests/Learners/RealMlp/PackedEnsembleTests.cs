using System.Text;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.RealMlp;

namespace Tabml.Core.Tests.Learners.RealMlp;

/// <summary>
/// Packed ensembles (n_ens, method-spec §15): k networks with their own streams trained side by side, one
/// model that predicts their average, stored in one member (format 2); format-1 bundles still load.
/// </summary>
public sealed class PackedEnsembleTests
{
    [Theory]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void The_model_predicts_the_average_of_networks_with_their_own_initialisation(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", task) with { NEpochs = 3, NEns = 3 };

        var model = (RealMlpModel)new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext { Threads = 2 });

        Assert.Equal(3, model.Networks.Count);
        Assert.Equal(3, model.Facts[RealMlpLearner.NetworksFact]);
        Assert.NotEqual(model.Networks[0].Weights[1].Value, model.Networks[1].Weights[1].Value);
        var singles = model.NetworkList.Select(n => new RealMlpModel("one", task, model.ClassCount, model.Encoder, [n], model.Scaling, 1024, model.Facts).Predict(valid.WithoutTarget(), 1).Values).ToArray();
        var predicted = model.Predict(valid.WithoutTarget(), 1).Values;
        for (var i = 0; i < predicted.Length; i++)
        {
            Assert.Equal(singles.Average(s => s[i]), predicted[i], 12);
        }
    }

    [Fact]
    public void The_first_network_trains_exactly_as_a_single_network_fit()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 3, SelectBestEpoch = false };

        var single = (RealMlpModel)new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext { Seed = 2 });
        var packed = (RealMlpModel)new RealMlpLearner("realmlp-td", settings with { NEns = 2 }).Fit(train, valid, new LearnerContext { Seed = 2 });

        Assert.Equal(single.Parameters.Snapshot(), packed.Networks[0].Snapshot());
        Assert.NotEqual(single.Parameters.Snapshot(), packed.Networks[1].Snapshot());
    }

    [Fact]
    public void A_packed_ensemble_round_trips_through_its_bundle_entries_as_format_2()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 2, NEns = 2 };
        var model = new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext());
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);

        var loaded = RealMlpModel.Load(artifacts, new ModelLoadContext("realmlp-td", TaskKind.Binary, 2));

        var json = JsonNode.Parse(artifacts.Entries["preprocessing.json"])!;
        Assert.Equal(2, (int)json["format_version"]!);
        Assert.Equal(2, (int)json["networks"]!);
        Assert.Equal(model.Predict(valid.WithoutTarget(), 1).Values, loaded.Predict(valid.WithoutTarget(), 2).Values);
    }

    [Fact]
    public void A_format_1_bundle_of_one_network_still_loads()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Regression, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Regression) with { NEpochs = 2 };
        var model = new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext());
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);
        var json = JsonNode.Parse(artifacts.Entries["preprocessing.json"])!.AsObject();
        json.Remove("format_version");
        json.Remove("networks");
        var old = new InMemoryArtifacts();
        old.Write("preprocessing.json", Encoding.UTF8.GetBytes(json.ToJsonString()));
        old.Write("weights.bin", artifacts.Entries["weights.bin"]);

        var loaded = RealMlpModel.Load(old, new ModelLoadContext("realmlp-td", TaskKind.Regression, 0));

        Assert.Equal(model.Predict(valid.WithoutTarget(), 1).Values, loaded.Predict(valid.WithoutTarget(), 1).Values);
    }

    [Fact]
    public void Weights_of_the_wrong_length_for_the_network_count_are_a_bad_model_file()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var settings = RealMlpDefaults.Load("realmlp-td", TaskKind.Binary) with { NEpochs = 1, NEns = 2 };
        var model = new RealMlpLearner("realmlp-td", settings).Fit(train, valid, new LearnerContext());
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);
        var truncated = new InMemoryArtifacts();
        truncated.Write("preprocessing.json", artifacts.Entries["preprocessing.json"]);
        truncated.Write("weights.bin", artifacts.Entries["weights.bin"][..(artifacts.Entries["weights.bin"].Length / 2)]);

        var error = Assert.ThrowsAny<Exception>(() => RealMlpModel.Load(truncated, new ModelLoadContext("realmlp-td", TaskKind.Binary, 2)));

        Assert.Contains("2 networks", error.Message, StringComparison.Ordinal);
    }
}
