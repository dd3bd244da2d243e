using Tabml.Bench.Splits;
using Tabml.Bench.Suites;

namespace Tabml.Bench.Running;

/// <summary>A resolved benchmark run: what to run, where, and how much of it this process does.</summary>
public sealed record BenchOptions
{
    public required Suite Suite { get; init; }

    public required IReadOnlyList<SuiteEntry> Datasets { get; init; }

    public required IReadOnlyList<string> Methods { get; init; }

    public required string OutputDirectory { get; init; }

    public int Splits { get; init; } = 1;

    /// <summary>Splits read from a file (for a single dataset); replaces the random splits.</summary>
    public IReadOnlyList<BenchSplit>? GivenSplits { get; init; }

    public int Seed { get; init; }

    public int HpoTrials { get; init; } = 50;

    /// <summary>The selection metric of every method (recorded in each row's key); null for the task's default.</summary>
    public string? Metric { get; init; }

    /// <summary>Runs (dataset × split groups) processed side by side; each gets Threads / Jobs threads.</summary>
    public int Jobs { get; init; } = 1;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>1-based index and count of the deterministic slice this process runs.</summary>
    public (int Index, int Count) Shard { get; init; } = (1, 1);
}
