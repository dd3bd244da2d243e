using System.Globalization;
using Tabml.Training;

namespace Tabml.Cli.Output;

/// <summary>
/// The leaderboard as a text table: model, validation metric, weight, fit and predict seconds; for
/// classification scored by another metric also the validation log loss, on which the default preset
/// selects the ensemble (so a selected ensemble with a higher error than the best member reads right).
/// </summary>
internal static class Leaderboard
{
    private static readonly string LogLoss = Metrics.LogLoss.Instance.Name;

    public static string Format(TrainResult result) => Format(result.Leaderboard, result.Metric);

    public static string Format(IReadOnlyList<LeaderboardRow> rows, string metric)
    {
        var withLogLoss = metric != LogLoss && rows.Any(r => r.Validation.ContainsKey(LogLoss));
        string[] headers = withLogLoss
            ? ["model", $"valid {metric}", $"valid {LogLoss}", "weight", "fit s", "predict s", "note"]
            : ["model", $"valid {metric}", "weight", "fit s", "predict s", "note"];
        var table = new TextTable(headers).AlignRight([.. Enumerable.Range(1, headers.Length - 2)]);
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Model, Number(row.Score) };
            if (withLogLoss)
            {
                cells.Add(Number(row.Validation.TryGetValue(LogLoss, out var logLoss) ? logLoss : null));
            }

            cells.Add(row.Weight is { } weight ? weight.ToString("F2", CultureInfo.InvariantCulture) : string.Empty);
            cells.Add(row.FitSeconds.ToString("F2", CultureInfo.InvariantCulture));
            cells.Add(row.PredictSeconds.ToString("F2", CultureInfo.InvariantCulture));
            cells.Add(row.Note ?? string.Empty);
            table.Add([.. cells]);
        }

        return table.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
