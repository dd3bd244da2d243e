using Tabml.Cli.Output;
using Tabml.Training;

namespace Tabml.Cli.Tests.Output;

public sealed class LeaderboardTests
{
    private static LeaderboardRow Row(string model, double score, IReadOnlyDictionary<string, double> validation, double? weight, string? note = null) =>
        new(model, score, validation, weight, 1.5, 0.25, note);

    [Fact]
    public void A_classifier_scored_by_error_also_shows_the_log_loss_its_ensemble_was_chosen_on()
    {
        var rows = new[]
        {
            Row("lightgbm-td", 0.125, new Dictionary<string, double> { ["error"] = 0.125, ["logloss"] = 0.31 }, 0.6),
            Row("ensemble-td", 0.13, new Dictionary<string, double> { ["error"] = 0.13, ["logloss"] = 0.29 }, null, "selected, weights chosen on logloss"),
        };

        var lines = Leaderboard.Format(rows, "error").Split('\n');

        Assert.Equal(["model", "valid", "error", "valid", "logloss", "weight", "fit", "s", "predict", "s", "note"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["lightgbm-td", "0.1250", "0.3100", "0.60", "1.50", "0.25"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["ensemble-td", "0.1300", "0.2900", "1.50", "0.25", "selected,", "weights", "chosen", "on", "logloss"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("rmse", "rmse")]
    [InlineData("logloss", "logloss")]
    public void Without_a_log_loss_or_when_it_is_the_metric_there_is_one_score_column(string metric, string key)
    {
        var rows = new[] { Row("lightgbm-td", 0.5, new Dictionary<string, double> { [key] = 0.5, ["mae"] = 0.4 }, 1.0) };

        var lines = Leaderboard.Format(rows, metric).Split('\n');

        Assert.Equal(["model", "valid", metric, "weight", "fit", "s", "predict", "s", "note"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["lightgbm-td", "0.5000", "1.00", "1.50", "0.25"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
