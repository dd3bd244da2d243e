using Tabml.Bundles;
using Tabml.Validation;

namespace Tabml.Training;

/// <summary>The outcome of training: the bundle to save and the leaderboard to show.</summary>
public sealed record TrainResult(ModelBundle Bundle, IReadOnlyList<LeaderboardRow> Leaderboard, string Metric, FoldPlan Plan);
