using Tabml.Learners;

namespace Tabml.Bench.Methods;

/// <summary>What one method produced on one split: validation and test predictions, timings, details.</summary>
public sealed record MethodOutcome(
    Predictions Valid,
    Predictions Test,
    double FitSeconds,
    double PredictSeconds,
    double? PeakMemoryMb,
    IReadOnlyDictionary<string, string> Details);
