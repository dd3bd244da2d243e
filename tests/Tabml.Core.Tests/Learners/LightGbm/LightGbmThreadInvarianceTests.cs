using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.LightGbm;

namespace Tabml.Core.Tests.Learners.LightGbm;

/// <summary>
/// With deterministic=true and force_col_wise=true, LightGBM grows the same trees for any thread count; the
/// stored model text holds no thread count, so the bundle does not depend on --threads.
/// </summary>
public sealed class LightGbmThreadInvarianceTests
{
    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void One_two_and_four_threads_give_the_same_model_text(TaskKind task)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 2000));

        var texts = new[] { 1, 2, 4 }.Select(threads => Fit(task, train, valid, threads).ModelText).ToArray();

        Assert.Equal(texts[0], texts[1]);
        Assert.Equal(texts[0], texts[2]);
        Assert.DoesNotContain("[num_threads:", texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_thread_count_keeps_every_other_line()
    {
        const string text = "tree\nparameters:\n[boosting: gbdt]\n[num_threads: 4]\n[deterministic: 1]\nend of parameters\n";

        Assert.Equal("tree\nparameters:\n[boosting: gbdt]\n[deterministic: 1]\nend of parameters\n", LightGbmModelText.WithoutThreadCount(text));
        Assert.Equal("no parameters\n", LightGbmModelText.WithoutThreadCount("no parameters\n"));
    }

    [Fact]
    public void A_model_text_without_the_thread_count_loads_and_predicts_like_the_trained_one()
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Binary, 600));
        var model = Fit(TaskKind.Binary, train, valid, threads: 2);
        var artifacts = new InMemoryArtifacts();
        model.Save(artifacts);

        var loaded = ModelFormats.Load(model.Format, artifacts, new ModelLoadContext(model.LearnerName, TaskKind.Binary, 2));

        Assert.Equal(model.Predict(valid.WithoutTarget(), 3).Values, loaded.Predict(valid.WithoutTarget(), 1).Values);
    }

    private static LightGbmModel Fit(TaskKind task, Dataset train, Dataset valid, int threads) =>
        (LightGbmModel)LightGbmLearner.Create(LightGbmLearner.TunedName, task).Fit(train, valid, new LearnerContext { Seed = 0, Threads = threads });
}
