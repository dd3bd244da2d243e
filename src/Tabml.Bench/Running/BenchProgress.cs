namespace Tabml.Bench.Running;

/// <summary>Progress over all runs of a benchmark.</summary>
public readonly record struct BenchProgress(int Done, int Total, string Current, TimeSpan Elapsed)
{
    /// <summary>Remaining time at the average pace so far.</summary>
    public TimeSpan? Eta => Done == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / Done * (Total - Done));
}
