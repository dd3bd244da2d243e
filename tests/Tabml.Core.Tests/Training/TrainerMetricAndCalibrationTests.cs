using Tabml.Bundles;
using Tabml.Calibration;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Training;

namespace Tabml.Core.Tests.Training;

/// <summary>`--metric`, calibrated members and presets in the trainer (issue 13).</summary>
public sealed class TrainerMetricAndCalibrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    public void Calibrated_members_are_stored_and_predict_through_their_calibrator(TaskKind task)
    {
        var data = Training(task, 500);
        var result = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "fasttree-td"], Calibrate = true });
        var path = _dir.Combine("m.tabml");
        result.Bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        Assert.All(loaded.Members, m => Assert.IsType<CalibratedModel>(m.Model));
        var rows = data.Dataset.WithoutTarget();
        var member = (CalibratedModel)loaded.Members[0].Model;
        Assert.Equal(member.Calibrator.Apply(member.Inner.Predict(rows, 1)).Values, member.Predict(rows, 1).Values);
        Assert.Equal(result.Bundle.Predict(rows).Values, loaded.Predict(rows).Values);
        Assert.Equal("ts-mix", loaded.Ensemble!["calibration"]!.GetValue<string>());
    }

    [Fact]
    public void A_calibrated_blend_is_stored_and_the_bundle_predicts_through_it()
    {
        var data = Training(TaskKind.Binary, 500);
        var options = new TrainOptions { Models = ["lightgbm-td", "fasttree-d"], Calibrate = true, CalibrateEnsemble = true };
        var result = new Trainer().Train(data, options);
        var path = _dir.Combine("blend.tabml");
        result.Bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        var calibrator = loaded.BlendCalibrator;
        Assert.NotNull(calibrator);
        Assert.Equal(result.Bundle.BlendCalibrator, calibrator);
        var rows = data.Dataset.WithoutTarget();
        var active = loaded.Members.Where(m => m.Weight > 0).ToArray();
        var blend = Tabml.Ensembling.MemberSelection.Blend(active.Select(m => m.Model.Predict(rows, 1)).ToArray(), active.Select(m => m.Weight / active.Sum(a => a.Weight)).ToArray());
        Assert.Equal(calibrator.Apply(blend).Values, loaded.Predict(rows).Values, new ToleranceComparer(1e-12));
        Assert.True(loaded.Settings["calibrate_ensemble"]!.GetValue<bool>());
    }

    [Fact]
    public void Regression_members_are_never_calibrated()
    {
        var result = new Trainer().Train(Training(TaskKind.Regression, 300), new TrainOptions { Models = ["lightgbm-td"], Calibrate = true });

        Assert.IsNotType<CalibratedModel>(result.Bundle.Members[0].Model);
    }

    [Fact]
    public void Calibration_does_not_raise_any_members_validation_log_loss_beyond_the_mixture_term()
    {
        var data = Training(TaskKind.Multiclass, 600);
        var plain = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "fasttree-td"] });
        var calibrated = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "fasttree-td"], Calibrate = true });

        foreach (var name in new[] { "lightgbm-td", "fasttree-td" })
        {
            var before = plain.Leaderboard.Single(r => r.Model == name).Validation["logloss"];
            var after = calibrated.Leaderboard.Single(r => r.Model == name).Validation["logloss"];
            Assert.True(after <= before - Math.Log(1 - (1.0 / 121)) + 1e-9, $"{name}: {after} > {before}");
        }
    }

    [Fact]
    public void The_metric_scores_the_leaderboard_and_drives_the_ensembles_selection()
    {
        var data = Training(TaskKind.Binary, 500);

        var result = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "lightgbm-d"], Metric = "logloss" });

        Assert.Equal("logloss", result.Metric);
        var ensemble = result.Leaderboard.Single(r => r.Model == Trainer.EnsembleName);
        Assert.Equal(ensemble.Validation["logloss"], ensemble.Score);
        Assert.Equal("logloss", result.Bundle.Ensemble!["metric"]!.GetValue<string>());
        Assert.Equal("logloss", result.Bundle.Settings["metric"]!.GetValue<string>());
    }

    [Fact]
    public void A_metric_that_does_not_fit_the_task_is_a_usage_error()
    {
        var error = Assert.Throws<Tabml.Errors.TabmlException>(() => new Trainer().Train(Training(TaskKind.Regression, 200), new TrainOptions { Models = ["lightgbm-td"], Metric = "logloss" }));

        Assert.Contains("does not apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refit_replaces_each_member_by_one_trained_on_all_rows_for_the_selected_iterations()
    {
        var data = Training(TaskKind.Binary, 400);
        var validated = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td"], Folds = 3 });
        var refit = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td"], Folds = 3, Refit = true });

        var folds = (FoldAverageModel)validated.Bundle.Members[0].Model;
        var expected = Math.Round(folds.Folds.Average(f => f.Facts[ModelFacts.BestIteration]), MidpointRounding.AwayFromZero);
        var model = refit.Bundle.Members[0].Model;
        Assert.IsNotType<FoldAverageModel>(model);
        Assert.Equal(expected, model.Facts["iterations_trained"]);
        Assert.Equal(validated.Leaderboard[0].Score, refit.Leaderboard[0].Score);
    }

    [Fact]
    public void Refit_retrains_only_the_members_the_ensemble_uses()
    {
        var data = Training(TaskKind.Regression, 300);
        var refit = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td", "fasttree-td", "lightgbm-d"], Folds = 3, Refit = true });

        var members = refit.Bundle.Members;
        Assert.Contains(members, m => m.Weight == 0);
        Assert.Contains(members, m => m.Weight > 0);
        Assert.All(members, m => Assert.Equal(m.Weight == 0, m.Model is FoldAverageModel));
    }

    [Fact]
    public void Refit_after_the_time_limit_keeps_the_validated_fits()
    {
        var data = Training(TaskKind.Binary, 300);
        var refit = new Trainer().Train(data, new TrainOptions { Models = ["lightgbm-td"], Folds = 3, Refit = true, TimeLimit = TimeSpan.FromMilliseconds(1) });

        Assert.IsType<FoldAverageModel>(refit.Bundle.Members[0].Model);
    }

    [Fact]
    public void Refit_of_a_learner_that_selects_nothing_trains_it_again_with_its_own_settings()
    {
        var data = Training(TaskKind.Binary, 300);
        var validated = new Trainer().Train(data, new TrainOptions { Models = ["fasttree-d"] });
        var refit = new Trainer().Train(data, new TrainOptions { Models = ["fasttree-d"], Refit = true });

        Assert.False(validated.Bundle.Members[0].Model.Facts.ContainsKey(ModelFacts.BestIteration));
        Assert.Equal(validated.Bundle.Members[0].Model.Facts["trees_built"], refit.Bundle.Members[0].Model.Facts["trees_built"]);
        Assert.NotEqual(validated.Bundle.Predict(data.Dataset.WithoutTarget()).Values, refit.Bundle.Predict(data.Dataset.WithoutTarget()).Values);
    }

    [Fact]
    public void Refit_trains_fasttree_on_all_rows_for_the_mean_kept_tree_count()
    {
        var data = Training(TaskKind.Binary, 400);
        var validated = new Trainer().Train(data, new TrainOptions { Models = ["fasttree-td"], Folds = 3 });
        var refit = new Trainer().Train(data, new TrainOptions { Models = ["fasttree-td"], Folds = 3, Refit = true });

        var folds = (FoldAverageModel)validated.Bundle.Members[0].Model;
        var expected = Math.Round(folds.Folds.Average(f => f.Facts[ModelFacts.BestIteration]), MidpointRounding.AwayFromZero);
        var model = refit.Bundle.Members[0].Model;
        Assert.IsNotType<FoldAverageModel>(model);
        Assert.Equal(expected, model.Facts["trees_built"]);
        Assert.False(model.Facts.ContainsKey(ModelFacts.BestIteration));
    }

    [Fact]
    public void The_bundle_is_byte_identical_for_any_thread_count()
    {
        var data = Training(TaskKind.Multiclass, 300);
        var options = TrainOptions.From(PresetCatalog.Get("default"));
        Assert.True(options.Refit && options.Calibrate);
        var files = new[] { 1, 2, 8 }.Select(threads =>
        {
            var path = _dir.Combine($"t{threads}.tabml");
            new Trainer().Train(data, options with { Threads = threads }).Bundle.Save(path);
            return File.ReadAllBytes(path);
        }).ToArray();

        Assert.Equal(files[0], files[1]);
        Assert.Equal(files[0], files[2]);
    }

    [Theory]
    [InlineData("paper", false, false, null, false, false)]
    [InlineData("default", true, true, null, true, false)]
    [InlineData("best", true, true, 8, false, true)]
    public void Presets_load_from_their_embedded_files(string name, bool calibrate, bool selectOnLogLoss, int? folds, bool refit, bool calibrateEnsemble)
    {
        var preset = PresetCatalog.Get(name);
        var options = TrainOptions.From(preset);

        Assert.Equal(name, options.Preset);
        Assert.Equal(calibrate, options.Calibrate);
        Assert.Equal(selectOnLogLoss, options.SelectOnLogLoss);
        Assert.Equal(folds, options.Folds);
        Assert.Equal(refit, options.Refit);
        Assert.Equal(calibrateEnsemble, options.CalibrateEnsemble);
        Assert.Equal(["lightgbm-td", "fasttree-td", "realmlp-td"], options.Models);
    }

    [Fact]
    public void The_paper_preset_is_the_papers_ensemble_without_any_lever()
    {
        var paper = PresetCatalog.Get("paper");

        Assert.Equal((null, 0.2, false, 1, false, false), (paper.Folds, paper.ValFraction, paper.Calibrate, paper.RealmlpEnsemble, paper.Refit, paper.CalibrateEnsemble));
    }

    [Theory]
    [InlineData(true, null, null, TaskKind.Binary, "logloss")]
    [InlineData(true, null, null, TaskKind.Regression, "rmse")]
    [InlineData(true, "auc", null, TaskKind.Binary, "1-auc")]
    [InlineData(true, null, "error", TaskKind.Multiclass, "error")]
    [InlineData(false, null, null, TaskKind.Binary, "error")]
    public void Selecting_on_log_loss_applies_only_to_classification_without_a_metric_the_user_named(bool selectOnLogLoss, string? metric, string? ensembleMetric, TaskKind task, string expected)
    {
        var options = new TrainOptions { Models = ["lightgbm-td"], SelectOnLogLoss = selectOnLogLoss, Metric = metric, EnsembleMetric = ensembleMetric };

        var selection = options.SelectionMetric(task, Trainer.ResolveMetric(options, task));

        Assert.Equal(expected, selection.Name);
    }

    [Fact]
    public void An_unknown_preset_is_refused_with_the_list()
    {
        var error = Assert.Throws<Tabml.Errors.TabmlException>(() => PresetCatalog.Get("fastest"));

        Assert.Contains("paper, default, best", error.Message, StringComparison.Ordinal);
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

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
