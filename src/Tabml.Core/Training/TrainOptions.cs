namespace Tabml.Training;

/// <summary>The resolved options of one training run.</summary>
public sealed record TrainOptions
{
    /// <summary>Learner names (resolved through the learner catalog), in member order.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    public int Seed { get; init; }

    public int Threads { get; init; } = 1;

    /// <summary>The fraction of training rows held out for early stopping and selection.</summary>
    public double ValidFraction { get; init; } = 0.2;
}
