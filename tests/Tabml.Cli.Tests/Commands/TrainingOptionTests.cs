using System.IO.Compression;
using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

/// <summary>`train --folds`, `--time-limit` and `--ensemble-metric` end to end.</summary>
public sealed class TrainingOptionTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Folds_cross_fit_every_row_and_the_bundle_averages_the_fold_models()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("folds.tabml");

        var train = CliRunner.Run("train", data, "--models", "lightgbm", "--folds", "3", "--out", model, "--json");

        Assert.Equal(0, train.ExitCode);
        using var json = JsonDocument.Parse(train.Out);
        Assert.Equal("3-fold", json.RootElement.GetProperty("validation").GetString());
        Assert.Equal(398, json.RootElement.GetProperty("valid_rows").GetInt32());
        using var manifest = Manifest(model);
        var member = Assert.Single(manifest.RootElement.GetProperty("members").EnumerateArray());
        Assert.Equal("fold-average", member.GetProperty("model_format").GetString());
        Assert.Equal(3, member.GetProperty("facts").GetProperty("folds").GetInt32());
        Assert.Equal(3, manifest.RootElement.GetProperty("settings").GetProperty("folds").GetInt32());
        Assert.Equal(399, CliRunner.Run("predict", model, data).Out.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Folds_turn_the_default_presets_refit_off_unless_refit_is_asked_for()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("folds-refit.tabml");

        var train = CliRunner.Run("train", data, "--models", "lightgbm", "--folds", "3", "--refit", "--out", model);

        Assert.Equal(0, train.ExitCode);
        using var manifest = Manifest(model);
        var member = Assert.Single(manifest.RootElement.GetProperty("members").EnumerateArray());
        Assert.Equal("lightgbm", member.GetProperty("model_format").GetString());
        Assert.True(manifest.RootElement.GetProperty("settings").GetProperty("refit").GetBoolean());
    }

    [Fact]
    public void Preset_best_calibrates_the_blend_and_calibration_none_switches_that_off_too()
    {
        var data = _files.Dataset("credit_g.csv");
        var (calibrated, none) = (_files.PathOf("best.tabml"), _files.PathOf("best-none.tabml"));

        var first = CliRunner.Run("train", data, "--preset", "best", "--models", "lightgbm", "--folds", "2", "--out", calibrated);
        var second = CliRunner.Run("train", data, "--preset", "best", "--models", "lightgbm", "--folds", "2", "--calibration", "none", "--out", none);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        using (var manifest = Manifest(calibrated))
        {
            Assert.True(manifest.RootElement.GetProperty("settings").GetProperty("calibrate_ensemble").GetBoolean());
            var blend = manifest.RootElement.GetProperty("ensemble").GetProperty("blend_calibration");
            Assert.Equal("ts-mix", blend.GetProperty("method").GetString());
            Assert.True(blend.GetProperty("inverse_temperature").GetDouble() > 0);
        }

        using (var manifest = Manifest(none))
        {
            Assert.False(manifest.RootElement.GetProperty("settings").GetProperty("calibrate_ensemble").GetBoolean());
            Assert.False(manifest.RootElement.GetProperty("ensemble").TryGetProperty("blend_calibration", out var entry) && entry.ValueKind != JsonValueKind.Null);
        }

        Assert.Equal(1001, CliRunner.Run("predict", calibrated, data).Out.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("; blend calibrated (ts-mix, β = ", CliRunner.Run("info", calibrated).Out);
        Assert.DoesNotContain("blend calibrated", CliRunner.Run("info", none).Out);
    }

    [Fact]
    public void Fewer_than_one_fold_is_a_usage_error()
    {
        var result = CliRunner.Run("train", _files.Dataset("auto_mpg.csv"), "--models", "lightgbm", "--folds", "0", "--out", _files.PathOf("m.tabml"));

        BadInputTests.AssertOneLineError(result, 1, "--folds must be at least 1 (1: one holdout), got 0");
    }

    [Fact]
    public void A_time_limit_already_spent_keeps_the_first_member_and_says_what_was_skipped()
    {
        var model = _files.PathOf("limit.tabml");

        var train = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm,fasttree,realmlp", "--threads", "1", "--time-limit", "0.001", "--out", model, "--json");

        Assert.Equal(0, train.ExitCode);
        using var json = JsonDocument.Parse(train.Out);
        var notes = json.RootElement.GetProperty("leaderboard").EnumerateArray()
            .ToDictionary(r => r.GetProperty("model").GetString()!, r => r.TryGetProperty("note", out var n) ? n.GetString() : null);
        Assert.Equal("skipped: --time-limit reached", notes["fasttree-td"]);
        Assert.Equal("skipped: --time-limit reached", notes["realmlp-td"]);
        Assert.Equal("cut short by --time-limit", notes["lightgbm-td"]);
        using var manifest = Manifest(model);
        Assert.Equal(["lightgbm-td"], manifest.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_time_limit_that_is_not_positive_is_a_usage_error(string seconds)
    {
        var result = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm", "--time-limit", seconds, "--out", _files.PathOf("m.tabml"));

        BadInputTests.AssertOneLineError(result, 1, $"--time-limit must be positive, got {seconds}");
    }

    [Fact]
    public void The_ensemble_metric_is_used_for_selection_and_recorded_in_the_bundle()
    {
        var model = _files.PathOf("logloss.tabml");

        var train = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm,lightgbm-d", "--ensemble-metric", "logloss", "--out", model, "-q");

        Assert.Equal(0, train.ExitCode);
        using var manifest = Manifest(model);
        Assert.Equal("logloss", manifest.RootElement.GetProperty("ensemble").GetProperty("metric").GetString());
        Assert.Equal("logloss", manifest.RootElement.GetProperty("settings").GetProperty("ensemble_metric").GetString());
    }

    [Fact]
    public void The_ensemble_metric_changes_the_selection_compared_with_the_default()
    {
        // The default preset selects on log loss for classification; selecting on error weighs the members
        // differently on this data.
        var byError = _files.PathOf("error.tabml");
        var byLogLoss = _files.PathOf("logloss.tabml");
        var data = _files.Dataset("credit_g.csv");
        CliRunner.Run("train", data, "--models", "lightgbm,lightgbm-d", "--ensemble-metric", "error", "--out", byError, "-q");
        CliRunner.Run("train", data, "--models", "lightgbm,lightgbm-d", "--out", byLogLoss, "-q");

        using var error = Manifest(byError);
        using var logLoss = Manifest(byLogLoss);

        Assert.Equal("error", error.RootElement.GetProperty("ensemble").GetProperty("metric").GetString());
        Assert.Equal("logloss", logLoss.RootElement.GetProperty("ensemble").GetProperty("metric").GetString());
        Assert.NotEqual(Counts(error), Counts(logLoss));
    }

    [Theory]
    [InlineData("rmse", "metric 'rmse' does not apply to a binary task")]
    [InlineData("accuracy", "unknown metric 'accuracy'; choose from error, logloss, auc, brier, rmse, mae")]
    public void An_ensemble_metric_that_does_not_fit_is_a_usage_error(string metric, string message)
    {
        var result = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm", "--ensemble-metric", metric, "--out", _files.PathOf("m.tabml"));

        BadInputTests.AssertOneLineError(result, 1, message);
    }

    private static string Counts(JsonDocument manifest) => manifest.RootElement.GetProperty("ensemble").GetProperty("counts").GetRawText();

    private static JsonDocument Manifest(string model)
    {
        using var zip = ZipFile.OpenRead(model);
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return JsonDocument.Parse(stream);
    }
}
