namespace Tabml.Learners;

/// <summary>What a learner may use besides its data and settings: no globals.</summary>
public sealed record LearnerContext
{
    public int Seed { get; init; }

    /// <summary>Threads the learner may use; results are identical for a given seed and thread count.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// When set, the thread count a learner reads at each step instead of <see cref="Threads"/>; the caller
    /// may change it during the fit (results of RealMLP do not depend on it).
    /// </summary>
    public ThreadBudget? ThreadBudget { get; init; }

    /// <summary>The threads to use now: the budget's current value, else <see cref="Threads"/>.</summary>
    public int CurrentThreads => Math.Max(1, ThreadBudget?.Current ?? Threads);

    public CancellationToken Cancellation { get; init; }

    public IProgress<LearnerProgress>? Progress { get; init; }

    /// <summary>When set, iterative learners stop early at this time and keep their best state so far.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// The loss that selects on validation rows (best epoch, early stopping, best iteration); null for the
    /// task's default of method-spec §2.11 / §5.1 (classification error, RMSE).
    /// </summary>
    public Metrics.IMetric? ValidationMetric { get; init; }

    public static LearnerContext Default { get; } = new();
}

/// <summary>One step of an iterative learner (an epoch, or a boosting round), for progress reporting.</summary>
public readonly record struct LearnerProgress(string Learner, int Step, int TotalSteps, string Unit, string? Metric, double? Value);
