using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

/// <summary>The main job end to end, in process, on temp copies of the shipped datasets.</summary>
public sealed class TrainPredictEvaluateTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Train_prints_a_leaderboard_and_writes_a_model_that_predicts_one_row_per_input_row()
    {
        var data = _files.Dataset("credit_g.csv");
        var model = _files.PathOf("credit.tabml");

        var train = CliRunner.Run("train", data, "--target", "class", "--models", "lightgbm,fasttree", "--out", model);

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("lightgbm-td", train.Out);
        Assert.Contains("fasttree-td", train.Out);
        Assert.Contains("ensemble-td", train.Out);
        Assert.Contains("valid error", train.Out);
        Assert.Contains("valid logloss", train.Out);
        Assert.Contains("selected, weights chosen on logloss", train.Out);
        Assert.True(File.Exists(model));

        var predict = CliRunner.Run("predict", model, data);

        Assert.Equal(0, predict.ExitCode);
        var lines = predict.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("prediction,proba_bad,proba_good", lines[0]);
        Assert.Equal(1001, lines.Length);
    }

    [Fact]
    public void Evaluate_reports_accuracy_error_logloss_and_auc_as_json()
    {
        var data = _files.Dataset("credit_g.csv");
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);

        var result = CliRunner.Run("evaluate", model, data, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var accuracy = json.RootElement.GetProperty("accuracy").GetDouble();
        Assert.InRange(accuracy, 0.7, 1.0);
        Assert.Equal(1.0 - accuracy, json.RootElement.GetProperty("error").GetDouble(), 12);
        Assert.True(json.RootElement.TryGetProperty("log_loss", out _));
        Assert.InRange(json.RootElement.GetProperty("auc").GetDouble(), 0.7, 1.0);
    }

    [Fact]
    public void Regression_predicts_values_and_evaluates_rmse_mae_r2_and_nrmse()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("mpg.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);

        var predict = CliRunner.Run("predict", model, data);
        var evaluate = CliRunner.Run("evaluate", model, data, "--json");

        Assert.Equal("prediction", predict.Out.Split('\n')[0]);
        Assert.Equal(399, predict.Out.TrimEnd('\n').Split('\n').Length);
        using var json = JsonDocument.Parse(evaluate.Out);
        foreach (var metric in new[] { "rmse", "mae", "r2", "nrmse" })
        {
            Assert.True(json.RootElement.TryGetProperty(metric, out _), metric);
        }
    }

    [Fact]
    public void The_same_data_seed_and_threads_give_a_byte_identical_model_file()
    {
        var data = _files.Dataset("credit_g.csv");
        var first = _files.PathOf("a.tabml");
        var second = _files.PathOf("b.tabml");

        CliRunner.Run("train", data, "--models", "lightgbm,fasttree", "--threads", "2", "--seed", "7", "--out", first, "-q");
        CliRunner.Run("train", data, "--models", "lightgbm,fasttree", "--threads", "2", "--seed", "7", "--out", second, "-q");

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Predict_maps_unseen_categories_to_unknown_counts_them_and_keeps_every_row()
    {
        var data = _files.Dataset("credit_g.csv");
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);
        var lines = File.ReadAllLines(data);
        lines[1] = lines[1].Replace("radio/tv", "spaceship", StringComparison.Ordinal);
        lines[2] = lines[2].Replace("radio/tv", "spaceship", StringComparison.Ordinal);
        var changed = _files.Write("unseen.csv", string.Join('\n', lines) + "\n");

        var result = CliRunner.Run("predict", model, changed);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("column 'purpose': 2 rows have categories not seen in training ('spaceship')", result.Error);
        Assert.Equal(1001, result.Out.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Predict_ignores_extra_columns_and_the_target_and_accepts_any_column_order()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);
        var lines = File.ReadAllLines(data);
        var reordered = lines.Select(l => string.Join(',', l.Split(',').Reverse()) + ",extra").ToArray();
        reordered[0] = string.Join(',', lines[0].Split(',').Reverse()) + ",note";
        var path = _files.Write("reordered.csv", string.Join('\n', reordered) + "\n");

        var original = CliRunner.Run("predict", model, data);
        var result = CliRunner.Run("predict", model, path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(original.Out, result.Out);
    }

    [Fact]
    public void Predict_names_the_columns_missing_from_the_data()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);
        var lines = File.ReadAllLines(data).Select(l => string.Join(',', l.Split(',').Skip(2))).ToArray();
        var path = _files.Write("fewer.csv", string.Join('\n', lines) + "\n");

        var result = CliRunner.Run("predict", model, path);

        BadInputTests.AssertOneLineError(result, 2, $"{path}: missing columns 'cylinders', 'displacement' that the model needs");
    }

    [Fact]
    public void Predict_rejects_text_in_a_numeric_column_naming_column_and_line()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);
        var lines = File.ReadAllLines(data);
        var fields = lines[5].Split(',');
        fields[3] = "heavy";
        lines[5] = string.Join(',', fields);
        var path = _files.Write("text.csv", string.Join('\n', lines) + "\n");

        var result = CliRunner.Run("predict", model, path);

        BadInputTests.AssertOneLineError(result, 2, $"{path}:6: column 'weight': 'heavy' is not a number, but the column is numeric");
    }

    [Fact]
    public void A_truncated_model_file_exits_3_with_one_line()
    {
        var data = _files.Dataset("credit_g.csv");
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm", "--out", model, "-q").ExitCode);
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length - 100)]);

        var result = CliRunner.Run("predict", model, data);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"{model}: ", result.ErrorLine);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Train_without_target_uses_the_last_column_and_reports_the_inferred_task()
    {
        var result = CliRunner.Run("train", _files.Dataset("auto_mpg.csv"), "--models", "lightgbm", "--out", _files.PathOf("m.tabml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no --target given: using the last column 'class' as the target", result.Error);
        Assert.Contains("task: regression", result.Error);
    }

    [Fact]
    public void Train_json_gives_the_leaderboard()
    {
        var result = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm", "--out", _files.PathOf("m.tabml"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("binary", json.RootElement.GetProperty("task").GetString());
        var models = json.RootElement.GetProperty("leaderboard").EnumerateArray().Select(r => r.GetProperty("model").GetString()!).ToArray();
        Assert.Equal(["lightgbm-td", "best-td", "ensemble-td"], models);
    }

    [Fact]
    public void Rows_without_a_target_are_dropped_with_a_warning_and_all_missing_columns_too()
    {
        var lines = File.ReadAllLines(_files.Dataset("auto_mpg.csv")).ToList();
        lines[0] += ",empty";
        for (var i = 1; i < lines.Count; i++)
        {
            lines[i] += ",";
        }

        lines[3] = string.Join(',', lines[3].Split(',')[..^2]) + ",,";
        var path = _files.Write("gaps.csv", string.Join('\n', lines) + "\n");

        var result = CliRunner.Run("train", path, "--target", "class", "--models", "lightgbm", "--out", _files.PathOf("m.tabml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: ", result.Error);
        Assert.Contains("dropped 1 of 398 rows whose target 'class' is missing", result.Error);
        Assert.Contains("column 'empty' is missing in every row; dropped", result.Error);
    }
}
