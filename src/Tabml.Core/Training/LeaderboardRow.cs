namespace Tabml.Training;

/// <summary>One line of the leaderboard: a member (or the selected combination) and how it did.</summary>
public sealed record LeaderboardRow(
    string Model,
    double? Score,
    IReadOnlyDictionary<string, double> Validation,
    double? Weight,
    double FitSeconds,
    double PredictSeconds,
    string? Note = null);
