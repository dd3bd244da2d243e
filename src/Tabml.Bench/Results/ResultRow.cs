using System.Text.Json.Serialization;

namespace Tabml.Bench.Results;

/// <summary>
/// One line of results.jsonl: a method on one split of one dataset. <see cref="Score"/> is the benchmark's
/// error (test classification error, or nRMSE = RMSE / population std of the test targets; method-spec §8).
/// </summary>
public sealed record ResultRow
{
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }

    [JsonPropertyName("task")] public required string Task { get; init; }

    [JsonPropertyName("method")] public required string Method { get; init; }

    [JsonPropertyName("split")] public required int Split { get; init; }

    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("train_rows")] public int TrainRows { get; init; }

    [JsonPropertyName("valid_rows")] public int ValidRows { get; init; }

    [JsonPropertyName("test_rows")] public int TestRows { get; init; }

    [JsonPropertyName("score")] public double? Score { get; init; }

    [JsonPropertyName("valid_score")] public double? ValidScore { get; init; }

    [JsonPropertyName("error")] public double? Error { get; init; }

    [JsonPropertyName("log_loss")] public double? LogLoss { get; init; }

    [JsonPropertyName("auc")] public double? Auc { get; init; }

    [JsonPropertyName("rmse")] public double? Rmse { get; init; }

    [JsonPropertyName("nrmse")] public double? Nrmse { get; init; }

    [JsonPropertyName("fit_seconds")] public double FitSeconds { get; init; }

    [JsonPropertyName("predict_seconds")] public double PredictSeconds { get; init; }

    [JsonPropertyName("peak_memory_mb")] public double? PeakMemoryMb { get; init; }

    [JsonPropertyName("details")] public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>What determined the row; null in rows written before keys were recorded.</summary>
    [JsonPropertyName("run_key")] public RunKey? RunKey { get; init; }

    [JsonIgnore]
    public (string Dataset, string Method, int Split) Key => (Dataset, Method, Split);

    [JsonIgnore]
    public bool Ok => Status == "ok" && Score is not null;

    /// <summary>Training time per 1000 training rows (the paper's time axis).</summary>
    [JsonIgnore]
    public double SecondsPer1000 => FitSeconds / Math.Max(1, TrainRows) * 1000.0;
}
