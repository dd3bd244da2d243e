using Tabml.Learners;

namespace Tabml.Training;

/// <summary>
/// A learner fitted on every fold of the plan: its model (fold-averaged for k-fold), its out-of-fold
/// validation predictions (rows in <see cref="Validation.FoldPlan.ValidatedRows"/> order), and timings.
/// </summary>
internal sealed record FittedMember(ILearner Learner, IModel Model, Predictions OutOfFold, double FitSeconds, double PredictSeconds, bool CutShort);
