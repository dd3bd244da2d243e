using Tabml.Bench.Methods;
using Tabml.Bench.Running;

namespace Tabml.Bench.Tests;

/// <summary>Preset methods (paper, default, best and levers) and learner variants in the benchmark (issue 13).</summary>
public sealed class PresetMethodTests : IDisposable
{
    private readonly BenchFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Levers_resolve_to_the_presets_options_and_member_variants()
    {
        var method = MethodCatalog.Get("paper+bag8+ens4+calibrate");

        Assert.Equal(MethodKind.Preset, method.Kind);
        Assert.Equal((8, 4, true, false), (method.Preset!.Folds, method.Preset.RealMlpEnsemble, method.Preset.Calibrate, method.Preset.Refit));
        Assert.Equal(["lightgbm-td.bag8", "fasttree-td.bag8", "realmlp-td.bag8.ens4"], method.Members);
    }

    [Theory]
    [InlineData("realmlp-td.bag8.ens4", "realmlp-td", 8, 4, false)]
    [InlineData("lightgbm.refit", "lightgbm-td", null, 1, true)]
    [InlineData("realmlp.ens2", "realmlp-td", null, 2, false)]
    public void Learner_variants_parse_and_name_themselves(string name, string learner, int? folds, int ensemble, bool refit)
    {
        var method = MethodCatalog.Get(name);

        Assert.Equal(new MemberVariant(learner, folds, ensemble, refit), method.Variant);
        Assert.Equal(method.Variant!.Name, method.Name);
    }

    [Theory]
    [InlineData("paper+faster")]
    [InlineData("realmlp-td.bag1")]
    [InlineData("realmlp-td.twice")]
    public void Unknown_levers_and_suffixes_are_usage_errors(string name)
    {
        var error = Assert.Throws<Errors.TabmlException>(() => MethodCatalog.Get(name));

        Assert.Equal(Errors.ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void The_paper_preset_is_exactly_the_benchmarks_ensemble_td()
    {
        var rows = new BenchRunner().Run(Options("paper", ["paper", "ensemble-td"]));

        var paper = rows.Single(r => r.Method == "paper");
        var ensemble = rows.Single(r => r.Method == "ensemble-td");
        Assert.Equal((ensemble.Score, ensemble.LogLoss, ensemble.ValidScore), (paper.Score, paper.LogLoss, paper.ValidScore));
    }

    [Fact]
    public void Calibration_as_a_lever_changes_probabilities_but_never_a_members_arg_max()
    {
        var rows = new BenchRunner().Run(Options("calibrate", ["paper", "paper+calibrate", "lightgbm-td"]));

        var paper = rows.Single(r => r.Method == "paper");
        var calibrated = rows.Single(r => r.Method == "paper+calibrate");
        Assert.NotEqual(paper.LogLoss, calibrated.LogLoss);
        Assert.Contains("inverse_temperatures", calibrated.Details!.Keys);
    }

    [Fact]
    public void A_bagged_member_validates_every_training_and_validation_row_out_of_fold()
    {
        var rows = new BenchRunner().Run(Options("bagged", ["realmlp-td.bag3", "lightgbm-td.bag3", "paper+bag3"]));

        var bagged = rows.Single(r => r.Method == "lightgbm-td.bag3");
        Assert.True(bagged.Ok, bagged.Status);
        Assert.Equal("3", bagged.Details!["folds"]);
        Assert.True(rows.Single(r => r.Method == "paper+bag3").Ok);
    }

    [Fact]
    public void A_refit_member_trains_on_training_and_validation_rows_for_the_selected_iterations()
    {
        var rows = new BenchRunner().Run(Options("refit", ["lightgbm-td", "lightgbm-td.refit"]));

        var plain = rows.Single(r => r.Method == "lightgbm-td");
        var refit = rows.Single(r => r.Method == "lightgbm-td.refit");
        Assert.Equal(plain.ValidScore, refit.ValidScore);
        Assert.Equal(plain.Details!["best_iteration"], refit.Details!["refit_iterations_trained"]);
        Assert.NotEqual(plain.LogLoss, refit.LogLoss);
    }

    [Fact]
    public void A_refit_member_reuses_its_learners_validated_fit_in_the_same_run_with_the_same_outcome()
    {
        var alone = new BenchRunner().Run(Options("refit-alone", ["lightgbm-td.refit"])).Single(r => r.Method == "lightgbm-td.refit");
        var rows = new BenchRunner().Run(Options("refit-reuse", ["lightgbm-td", "lightgbm-td.refit"]));

        var plain = rows.Single(r => r.Method == "lightgbm-td");
        var reused = rows.Single(r => r.Method == "lightgbm-td.refit");
        Assert.Equal((alone.ValidScore, alone.Score, alone.LogLoss, alone.Auc), (reused.ValidScore, reused.Score, reused.LogLoss, reused.Auc));
        Assert.Equal(alone.Details!.Keys.Order(), reused.Details!.Keys.Order());
        Assert.All(alone.Details.Where(d => d.Key != "refit_seconds"), d => Assert.Equal(d.Value, reused.Details[d.Key]));

        // Its fit seconds are the validated fit's own (not a second holdout fit's) plus the refit's.
        var refitSeconds = double.Parse(reused.Details["refit_seconds"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(plain.FitSeconds + refitSeconds, reused.FitSeconds, 12);
    }

    [Fact]
    public void A_refit_presets_time_counts_the_refits_of_the_members_it_uses_only()
    {
        var rows = new BenchRunner().Run(Options("refit-time", ["paper+refit"]));

        var preset = rows.Single(r => r.Method == "paper+refit");
        var weights = preset.Details!["weights"].Split(' ').Select(w => w.Split('=')).ToDictionary(w => w[0], w => double.Parse(w[1], System.Globalization.CultureInfo.InvariantCulture));
        var members = rows.Where(r => weights.ContainsKey(r.Method)).ToDictionary(r => r.Method);
        Assert.Contains(weights.Values, w => w == 0);
        var expected = members.Values.Sum(m => m.FitSeconds - (weights[m.Method] > 0 ? 0 : double.Parse(m.Details!["refit_seconds"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, preset.FitSeconds, 9);
        Assert.True(preset.FitSeconds < members.Values.Sum(m => m.FitSeconds));
    }

    private BenchOptions Options(string name, string[] methods) => new()
    {
        Suite = _fixture.Suite,
        Datasets = _fixture.Suite.Select(["tiny_class"]),
        Methods = methods,
        OutputDirectory = _fixture.Folder(name),
        Splits = 1,
        Threads = 1,
        Jobs = 1,
    };
}
