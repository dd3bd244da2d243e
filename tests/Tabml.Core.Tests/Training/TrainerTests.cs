using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Training;

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
    public void The_ensemble_is_never_worse_than_the_best_member_on_the_validation_rows(TaskKind task)
    {
        var result = new Trainer().Train(Training(task, 500), new TrainOptions { Models = ["lightgbm-td", "fasttree-td", "lightgbm-d"] });

        var ensemble = result.Leaderboard.Single(r => r.Model == Trainer.EnsembleName).Score;
        var best = result.Leaderboard.Single(r => r.Model == Trainer.BestName).Score;
        Assert.True(ensemble <= best, $"ensemble {ensemble} vs best {best}");
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
