using Tabml.Bundles;

namespace Tabml.Training;

/// <summary>The outcome of training: the bundle to save, the leaderboard to show, and how it was validated.</summary>
public sealed record TrainResult(ModelBundle Bundle, IReadOnlyList<LeaderboardRow> Leaderboard, string Metric, string ValidationMethod, int ValidRows);
