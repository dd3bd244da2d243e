namespace Tabml.Learners;

/// <summary>Names of facts models report in <see cref="IModel.Facts"/> that the trainer reads.</summary>
public static class ModelFacts
{
    /// <summary>1 when the learner stopped early because <see cref="LearnerContext.Deadline"/> passed.</summary>
    public const string CutShort = "cut_short";

    /// <summary>The boosting iteration (1-based tree count) or epoch that was kept.</summary>
    public const string BestIteration = "best_iteration";

    public const string BestEpoch = "best_epoch";

    /// <summary>The validation loss (on the learner's selection metric) of the kept iteration or epoch.</summary>
    public const string ValidationLoss = "validation_loss";
}
