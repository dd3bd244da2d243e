using System.Globalization;
using Tabml.Training;

namespace Tabml.Cli.Output;

/// <summary>The leaderboard as a text table: model, validation metric, weight, fit and predict seconds.</summary>
internal static class Leaderboard
{
    public static string Format(TrainResult result)
    {
        var table = new TextTable("model", $"valid {result.Metric}", "weight", "fit s", "predict s", "note").AlignRight(1, 2, 3, 4);
        foreach (var row in result.Leaderboard)
        {
            table.Add(
                row.Model,
                row.Score is { } score ? score.ToString("F4", CultureInfo.InvariantCulture) : "-",
                row.Weight is { } weight ? weight.ToString("F2", CultureInfo.InvariantCulture) : string.Empty,
                row.FitSeconds.ToString("F2", CultureInfo.InvariantCulture),
                row.PredictSeconds.ToString("F2", CultureInfo.InvariantCulture),
                row.Note ?? string.Empty);
        }

        return table.ToString();
    }
}
