using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;

namespace Tabml.Core.Tests.Learners;

/// <summary>
/// The contract every learner keeps (architecture.md, "Tests"). A learner's test class inherits this and
/// says how to create the learner and load its model.
/// </summary>
public abstract class LearnerContractTests
{
    /// <summary>Rows of the synthetic datasets: small, so the contract runs fast for every learner.</summary>
    protected virtual int Rows => 400;

    protected abstract ILearner CreateLearner(TaskKind task);

    public static TheoryData<TaskKind> Tasks => new() { TaskKind.Binary, TaskKind.Multiclass, TaskKind.Regression };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Predict_gives_one_row_per_input_row_with_the_task_shape(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, Rows));
        var model = CreateLearner(task).Fit(train, valid, Context());

        var predictions = model.Predict(valid.WithoutTarget(), threads: 1);

        Assert.Equal(valid.RowCount, predictions.RowCount);
        var outputs = task == TaskKind.Regression ? 1 : train.RequireTarget().ClassCount;
        Assert.Equal(outputs, predictions.OutputCount);
        Assert.All(predictions.Values, v => Assert.True(double.IsFinite(v)));
        if (task != TaskKind.Regression)
        {
            for (var r = 0; r < predictions.RowCount; r++)
            {
                var sum = 0.0;
                foreach (var p in predictions.Row(r))
                {
                    Assert.InRange(p, 0.0, 1.0);
                    sum += p;
                }

                Assert.Equal(1.0, sum, 1e-6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Model_learns_the_signal_better_than_a_constant(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, Rows));
        var model = CreateLearner(task).Fit(train, valid, Context());
        var predictions = model.Predict(valid.WithoutTarget(), threads: 1);
        var target = valid.RequireTarget();

        if (task == TaskKind.Regression)
        {
            var y = target.RequireValues();
            var mean = train.RequireTarget().RequireValues().Average();
            var mseModel = y.Select((v, i) => Math.Pow(v - predictions[i, 0], 2)).Average();
            var mseConstant = y.Select(v => Math.Pow(v - mean, 2)).Average();
            Assert.True(mseModel < 0.7 * mseConstant, $"model MSE {mseModel} vs constant {mseConstant}");
        }
        else
        {
            var labels = target.RequireLabels();
            var predicted = predictions.ArgMax();
            var accuracy = labels.Where((l, i) => predicted[i] == l).Count() / (double)labels.Length;
            var majority = labels.GroupBy(l => l).Max(g => g.Count()) / (double)labels.Length;
            Assert.True(accuracy > majority + 0.1, $"accuracy {accuracy} vs majority {majority}");
        }
    }

    [Fact]
    public void Predict_works_on_a_single_row_with_missing_and_unknown_values()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, Rows));
        var model = CreateLearner(TaskKind.Binary).Fit(train, valid, Context());
        var one = valid.Slice([0]);
        var columns = one.Features.Select<FeatureColumn, FeatureColumn>(c => c switch
        {
            NumericColumn n => new NumericColumn(n.Name, [float.NaN]),
            CategoricalColumn k => new CategoricalColumn(k.Name, [CategoricalColumn.MissingCode], k.Categories),
            _ => c,
        }).ToArray();

        var predictions = model.Predict(new Dataset(columns, null, 1), threads: 1);

        Assert.Equal(1, predictions.RowCount);
        Assert.All(predictions.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Fit_rejects_a_single_class_target_with_a_data_error()
    {
        var data = SyntheticData.Make(TaskKind.Binary, Rows);
        var labels = new int[data.RowCount];
        var target = TargetColumn.Classification("y", TaskKind.Binary, labels, ["only", "other"]);
        var single = new Dataset(data.Features, target, data.RowCount);
        var (train, valid) = SyntheticData.Split(single);

        var error = Assert.ThrowsAny<TabmlException>(() => CreateLearner(TaskKind.Binary).Fit(train, valid, Context()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Contains("class", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Save_then_load_gives_identical_predictions(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, Rows));
        var model = CreateLearner(task).Fit(train, valid, Context());
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);

        var loaded = ModelFormats.Load(model.Format, artifacts, new ModelLoadContext(model.LearnerName, task, train.RequireTarget().ClassCount));

        var before = model.Predict(valid.WithoutTarget(), threads: 1).Values;
        var after = loaded.Predict(valid.WithoutTarget(), threads: 1).Values;
        Assert.Equal(before, after);
    }

    [Fact]
    public void Same_seed_and_threads_give_identical_model_bytes()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Multiclass, Rows));

        var first = SavedBytes(CreateLearner(TaskKind.Multiclass).Fit(train, valid, Context()));
        var second = SavedBytes(CreateLearner(TaskKind.Multiclass).Fit(train, valid, Context()));

        Assert.Equal(first.Keys, second.Keys);
        foreach (var name in first.Keys)
        {
            Assert.True(first[name].AsSpan().SequenceEqual(second[name]), $"entry {name} differs");
        }
    }

    protected static LearnerContext Context(int seed = 0) => new() { Seed = seed, Threads = 1 };

    private static IReadOnlyDictionary<string, byte[]> SavedBytes(IModel model)
    {
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);
        return artifacts.Entries;
    }
}
