using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Metrics;
using Tabml.Settings;

namespace Tabml.Core.Tests.Learners.FastTree;

/// <summary>
/// FastTree-TD keeps the iteration LightGBM-TD's rule selects (method-spec §5.1) on the context's validation
/// metric, evaluating ML.NET's trees itself; one-versus-all classes share the iteration.
/// </summary>
public sealed class FastTreeSelectionTests
{
    public static TheoryData<TaskKind, string> Metrics => new()
    {
        { TaskKind.Binary, "error" }, { TaskKind.Binary, "logloss" }, { TaskKind.Binary, "auc" }, { TaskKind.Binary, "brier" },
        { TaskKind.Multiclass, "error" }, { TaskKind.Multiclass, "logloss" }, { TaskKind.Multiclass, "auc" }, { TaskKind.Multiclass, "brier" },
        { TaskKind.Regression, "rmse" }, { TaskKind.Regression, "mae" },
    };

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void A_planted_curve_ends_300_rounds_after_its_first_minimum_and_keeps_the_last_minimum(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 300));
        var metric = PlantedCurveMetric.FallThenTie(firstMinimum: 40, tie: 250);

        var model = (FastTreeModel)Learner(task, trees: 400).Fit(train, valid, Context(metric));

        Assert.Equal(341, metric.Calls);
        Assert.Equal(251, model.Facts[ModelFacts.BestIteration]);
        Assert.All(model.KeptTrees, kept => Assert.Equal(251, kept));
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void The_kept_iteration_scores_the_recorded_loss_on_the_chosen_metric(TaskKind task, string name)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 300));
        var metric = MetricCatalog.Get(name, task);

        var model = Learner(task, trees: 120).Fit(train, valid, Context(metric));

        var recomputed = metric.Compute(valid.RequireTarget(), model.Predict(valid.WithoutTarget(), threads: 2));
        Assert.Equal(model.Facts[ModelFacts.ValidationLoss], recomputed);
        Assert.InRange(model.Facts[ModelFacts.BestIteration], 1, 120);
    }

    [Fact]
    public void The_chosen_metric_changes_the_kept_iteration()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Multiclass, 400));

        var byError = (FastTreeModel)Learner(TaskKind.Multiclass, trees: 300).Fit(train, valid, Context(ClassificationError.Instance));
        var byLogLoss = (FastTreeModel)Learner(TaskKind.Multiclass, trees: 300).Fit(train, valid, Context(LogLoss.Instance));

        Assert.NotEqual(byError.Facts[ModelFacts.BestIteration], byLogLoss.Facts[ModelFacts.BestIteration]);
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Regression)]
    public void Tabml_evaluates_the_trees_exactly_as_mlnet_predicts(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 400));
        var model = (FastTreeModel)Learner(task, trees: 60).Fit(train, null, Context(null));

        var ours = model.Predict(valid.WithoutTarget(), threads: 3);
        var theirs = MlNetOutputs(model, valid, task == TaskKind.Binary ? "Probability" : "Score")[0];

        Assert.Equal(60, model.KeptTrees[0]);
        for (var r = 0; r < valid.RowCount; r++)
        {
            Assert.Equal(theirs[r], task == TaskKind.Binary ? ours[r, 1] : ours[r, 0]);
        }
    }

    [Fact]
    public void A_version_1_model_uses_every_tree_and_normalises_mlnets_class_probabilities()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Multiclass, 300));
        var model = (FastTreeModel)Learner(TaskKind.Multiclass, trees: 150).Fit(train, valid, Context(null));
        Assert.All(model.KeptTrees, kept => Assert.True(kept < 150, "the selection kept every tree; the test needs a prefix"));

        // What tabml 0.1 wrote: encoding.json without a version, and ML.NET's model zips of every tree.
        var ml = new MLContext(0);
        var artifacts = new InMemoryArtifacts();
        var v1 = new { Task = "multiclass", ClassCount = 3, Models = 3, model.Encoder.Columns };
        artifacts.Write("encoding.json", JsonSerializer.SerializeToUtf8Bytes(v1, BundleJson.Options));
        for (var k = 0; k < 3; k++)
        {
            using var zip = new MemoryStream();
            ml.Model.Save(model.Fits[k].Transformer!, null, zip);
            artifacts.Write($"model{k}.zip", zip.ToArray());
        }

        var loaded = (FastTreeModel)ModelFormats.Load(FastTreeModel.FormatName, artifacts, new ModelLoadContext(model.LearnerName, TaskKind.Multiclass, 3));

        // What tabml 0.1 computed: ML.NET's calibrated probability per class over every tree, normalised per row.
        var perClass = MlNetOutputs(loaded, valid, "Probability");
        var predictions = loaded.Predict(valid.WithoutTarget(), threads: 1);
        Assert.All(loaded.KeptTrees, kept => Assert.Equal(150, kept));
        for (var r = 0; r < valid.RowCount; r++)
        {
            var sum = perClass.Sum(p => (double)p[r]);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(perClass[k][r] / sum, predictions[r, k]);
            }
        }
    }

    [Fact]
    public void Saved_trees_load_back_to_the_same_predictions_and_damaged_trees_are_refused()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 300));
        var model = Learner(TaskKind.Binary, trees: 100).Fit(train, valid, Context(null));
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);
        var context = new ModelLoadContext(model.LearnerName, TaskKind.Binary, 2);

        var loaded = ModelFormats.Load(FastTreeModel.FormatName, artifacts, context);
        Assert.Equal(model.Predict(valid.WithoutTarget(), 1).Values, loaded.Predict(valid.WithoutTarget(), 1).Values);

        var bytes = artifacts.Read("trees0.bin");
        var damaged = new InMemoryArtifacts();
        damaged.Write("encoding.json", artifacts.Read("encoding.json"));
        damaged.Write("trees0.bin", bytes[..^3]);
        var error = Assert.ThrowsAny<Exception>(() => ModelFormats.Load(FastTreeModel.FormatName, damaged, context));
        Assert.Contains("trees0.bin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void One_two_and_four_threads_give_the_same_model_bytes(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 1500));

        var saved = new[] { 1, 2, 4 }.Select(threads =>
        {
            var artifacts = new InMemoryArtifacts();
            Learner(task, trees: 100).Fit(train, valid, Context(null) with { Threads = threads }).Save(artifacts);
            return artifacts.Entries;
        }).ToArray();

        foreach (var other in saved.Skip(1))
        {
            Assert.Equal(saved[0].Keys, other.Keys);
            Assert.All(saved[0].Keys, name => Assert.True(saved[0][name].AsSpan().SequenceEqual(other[name]), $"{name} differs"));
        }
    }

    private static FastTreeLearner Learner(TaskKind task, int trees)
    {
        var file = $"fasttree-td.{(task.IsClassification() ? "classification" : "regression")}";
        return new FastTreeLearner(FastTreeLearner.TunedName, DefaultsCatalog.Load<FastTreeSettings>(file) with { NumberOfTrees = trees });
    }

    private static LearnerContext Context(IMetric? metric) => new() { Seed = 0, Threads = 1, ValidationMetric = metric };

    /// <summary>ML.NET's own output column for each of the model's fits, through its transformer.</summary>
    private static float[][] MlNetOutputs(FastTreeModel model, Dataset data, string column)
    {
        var ml = new MLContext(0);
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, model.Encoder.Width);
        var view = ml.Data.LoadFromEnumerable(model.Encoder.Encode(data).Select(f => new FeatureRow { Features = f }), schema);
        return model.Fits.Select(f => f.Transformer!.Transform(view).GetColumn<float>(column).ToArray()).ToArray();
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
