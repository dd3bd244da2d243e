using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Metrics;
using Tabml.Training;
using Tabml.Validation;

namespace Tabml.Core.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(TaskKind.Multiclass, null)]
    [InlineData(TaskKind.Regression, null)]
    [InlineData(TaskKind.Binary, 3)]
    public void A_saved_bundle_predicts_exactly_what_the_trained_one_did(TaskKind task, int? folds)
    {
        var data = Training(task, 400);
        var result = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "fasttree-td"], Folds = folds });
        var path = _dir.Combine("m.tabml");

        result.Bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        var rows = data.Dataset.WithoutTarget();
        Assert.Equal(result.Bundle.Predict(rows).Values, loaded.Predict(rows).Values);
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Regression)]
    public void The_leaderboard_scores_exactly_what_the_bundle_predicts_on_the_validation_rows(TaskKind task)
    {
        // Members train cheapest first, not in the order asked for: a weight or score given to the wrong
        // member would show here.
        var data = Training(task, 500);
        var result = new Trainer().Train(data, new TrainOptions { Models = ["fasttree-td", "lightgbm-d", "lightgbm-td"] });
        var valid = data.Dataset.Slice(FoldPlan.Holdout(data.Dataset.RequireTarget(), 0.2, 0).Folds[0].Valid);
        var metric = MetricCatalog.Default(task);
        double Score(string name) => result.Leaderboard.Single(r => r.Model == name).Score!.Value;

        Assert.Equal(Score(Trainer.EnsembleName), metric.Compute(valid.RequireTarget(), result.Bundle.Predict(valid.WithoutTarget())), 9);
        foreach (var member in result.Bundle.Members)
        {
            Assert.Equal(Score(member.Name), metric.Compute(valid.RequireTarget(), member.Model.Predict(valid.WithoutTarget(), 1)), 9);
        }

        Assert.Equal(["lightgbm-d", "lightgbm-td", "fasttree-td"], result.Bundle.Members.Select(m => m.Name));
        Assert.Equal(1.0, result.Bundle.Members.Sum(m => m.Weight), 12);
    }

    [Fact]
    public void Best_td_is_the_member_with_the_lowest_validation_error()
    {
        var result = new Trainer().Train(Training(TaskKind.Regression, 400), new TrainOptions { Models = ["lightgbm-d", "lightgbm-td"] });

        var members = result.Leaderboard.Where(r => r.Model.StartsWith("lightgbm", StringComparison.Ordinal)).ToArray();
        var best = result.Leaderboard.Single(r => r.Model == Trainer.BestName);
        Assert.Equal(members.Min(m => m.Score), best.Score);
    }

    [Fact]
    public void K_fold_cross_fitting_validates_every_row_and_averages_the_fold_models()
    {
        var data = Training(TaskKind.Binary, 300);

        var result = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td"], Folds = 3 });

        Assert.Equal(300, result.ValidRows);
        var member = Assert.Single(result.Bundle.Members);
        var folds = Assert.IsType<Tabml.Learners.FoldAverageModel>(member.Model);
        Assert.Equal(3, folds.Folds.Count);
    }

    [Fact]
    public void A_time_limit_still_ends_with_a_model_and_says_what_was_cut()
    {
        var data = Training(TaskKind.Binary, 2000);

        var result = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "fasttree-td"], TimeLimit = TimeSpan.FromMilliseconds(1) });

        Assert.NotEmpty(result.Bundle.Members);
        Assert.Contains(result.Leaderboard, r => r.Note is { } note && (note.Contains("cut short", StringComparison.Ordinal) || note.Contains("skipped", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_learner_failing_inside_the_parallel_fits_surfaces_as_its_own_one_line_error()
    {
        // One row of class 1: the fold that validates it trains on class 0 alone, which the learner refuses.
        var data = Training(TaskKind.Binary, 60);
        var labels = Enumerable.Range(0, 60).Select(i => i == 7 ? 1 : 0).ToArray();
        var dataset = new Dataset(data.Dataset.Features, TargetColumn.Classification("y", TaskKind.Binary, labels, ["a", "b"]), 60);
        var single = data with { Dataset = dataset };

        var error = Assert.Throws<Tabml.Errors.TabmlException>(() => new Trainer().Train(single, new TrainOptions { Models = ["lightgbm-td", "fasttree-td"], Folds = 2, Threads = 2 }));

        Assert.Equal(Tabml.Errors.ExitCodes.BadData, error.ExitCode);
        Assert.Equal("lightgbm-td: the training rows of 'y' hold a single class; a classifier needs at least 2 classes", error.Message);
    }

    private static TrainingData Training(TaskKind task, int rows)
    {
        var dataset = SyntheticData.Make(task, rows);
        var schema = new DatasetSchema(
            dataset.Features.Select(f => f is CategoricalColumn c ? new ColumnSchema(f.Name, ColumnKind.Categorical, c.Categories) : ColumnSchema.Numeric(f.Name)).ToArray(),
            new TargetSchema("y", task, dataset.RequireTarget().ClassLabels),
            []);
        return new TrainingData(dataset, schema, rows, 0, []);
    }
}
