using System.Diagnostics;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Validation;

namespace Tabml.Training;

/// <summary>Fits one learner on one fold, and assembles a learner's folds into out-of-fold predictions.</summary>
internal static class MemberFitter
{
    /// <summary>Fits and predicts the validation rows; a problem the learner finds is a one-line error naming it (<see cref="LearnerFailure"/>).</summary>
    public static FoldFit FitFold(ILearner learner, Dataset data, Holdout fold, LearnerContext context)
    {
        var train = data.Slice(fold.Train);
        var valid = data.Slice(fold.Valid);
        var clock = Stopwatch.StartNew();
        IModel? model = null;
        try
        {
            model = learner.Fit(train, valid, context);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var predictions = model.Predict(valid.WithoutTarget(), context.Threads);
            return new FoldFit(model, predictions, fitSeconds, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (LearnerFailure.Map(learner.Name, e) is { } mapped)
        {
            model?.Dispose();
            throw mapped;
        }
    }

    public static FittedMember Assemble(ILearner learner, FoldPlan plan, IReadOnlyList<FoldFit> folds)
    {
        var validated = plan.ValidatedRows;
        var position = new Dictionary<int, int>(validated.Length);
        for (var i = 0; i < validated.Length; i++)
        {
            position[validated[i]] = i;
        }

        var outputs = folds[0].Predictions.OutputCount;
        var oof = new double[validated.Length * outputs];
        for (var f = 0; f < folds.Count; f++)
        {
            var rows = plan.Folds[f].Valid;
            for (var r = 0; r < rows.Length; r++)
            {
                folds[f].Predictions.Row(r).CopyTo(oof.AsSpan(position[rows[r]] * outputs, outputs));
            }
        }

        var model = folds.Count == 1 ? folds[0].Model : new FoldAverageModel(folds.Select(f => f.Model).ToArray());
        var cutShort = folds.Any(f => f.Model.Facts.GetValueOrDefault(ModelFacts.CutShort) > 0);
        return new FittedMember(learner, model, new Predictions(validated.Length, outputs, oof), folds.Sum(f => f.FitSeconds), folds.Sum(f => f.PredictSeconds), cutShort);
    }
}

/// <summary>One learner fitted on one fold: its model, validation predictions and timings.</summary>
internal sealed record FoldFit(IModel Model, Predictions Predictions, double FitSeconds, double PredictSeconds);
