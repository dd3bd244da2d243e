using Tabml.Learners;
using Tabml.Reporting;

namespace Tabml;

/// <summary>How a caller follows and stops training: messages, per-learner progress, cancellation.</summary>
public sealed record TrainMonitor
{
    /// <summary>Receives what the CLI prints on stderr (the inferred task, warnings about the data...); null discards it.</summary>
    public IReporter? Reporter { get; init; }

    /// <summary>Receives each learner's epochs or boosting rounds; null for none.</summary>
    public IProgress<LearnerProgress>? Progress { get; init; }

    /// <summary>Stops training; <see cref="TabmlModel.Train(Data.TabularData, Data.TrainingReadOptions, Training.TrainOptions?, TrainMonitor?)"/> then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }
}
