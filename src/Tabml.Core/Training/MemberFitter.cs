using System.Diagnostics;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Validation;

namespace Tabml.Training;

/// <summary>Fits one learner on every fold of a plan and assembles its out-of-fold predictions.</summary>
internal static class MemberFitter
{
    public static FittedMember Fit(ILearner learner, Dataset data, FoldPlan plan, LearnerContext context)
    {
        var validated = plan.ValidatedRows;
        var position = new Dictionary<int, int>(validated.Length);
        for (var i = 0; i < validated.Length; i++)
        {
            position[validated[i]] = i;
        }

        var models = new List<IModel>();
        double[]? oof = null;
        var outputs = 0;
        var fitSeconds = 0.0;
        var predictSeconds = 0.0;
        var cutShort = false;
        foreach (var fold in plan.Folds)
        {
            var train = data.Slice(fold.Train);
            var valid = data.Slice(fold.Valid);
            var clock = Stopwatch.StartNew();
            var model = learner.Fit(train, valid, context);
            fitSeconds += clock.Elapsed.TotalSeconds;
            cutShort |= model.Facts.GetValueOrDefault(ModelFacts.CutShort) > 0;
            clock.Restart();
            var predictions = model.Predict(valid.WithoutTarget(), context.Threads);
            predictSeconds += clock.Elapsed.TotalSeconds;
            outputs = predictions.OutputCount;
            oof ??= new double[validated.Length * outputs];
            for (var r = 0; r < fold.Valid.Length; r++)
            {
                predictions.Row(r).CopyTo(oof.AsSpan(position[fold.Valid[r]] * outputs, outputs));
            }

            models.Add(model);
        }

        var combined = models.Count == 1 ? models[0] : new FoldAverageModel(models);
        return new FittedMember(learner, combined, new Predictions(validated.Length, outputs, oof!), fitSeconds, predictSeconds, cutShort);
    }
}
