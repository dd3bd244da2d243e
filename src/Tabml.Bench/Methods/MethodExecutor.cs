using System.Diagnostics;
using System.Globalization;
using Tabml.Bench.Hpo;
using Tabml.Data;
using Tabml.Ensembling;
using Tabml.Learners;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;
using Tabml.Metrics;
using Tabml.Numerics.Random;
using Tabml.Training;
using Tabml.Validation;

namespace Tabml.Bench.Methods;

/// <summary>Runs one method on one split: a learner, a random search, or a combination of member outcomes.</summary>
public static class MethodExecutor
{
    public static MethodOutcome RunLearner(string learnerName, TaskData data, LearnerContext context)
    {
        var learner = LearnerCatalog.Create(learnerName, data.Train.Task);
        return Fit(learner, data, context, new Dictionary<string, string>());
    }

    /// <summary>
    /// Random search (method-spec §6): each configuration is trained like the TD model on the same split; the
    /// one with the strictly lowest validation error wins (the earliest among ties); no refit.
    /// </summary>
    public static MethodOutcome RunHpo(BenchMethod method, TaskData data, LearnerContext context, int trials)
    {
        var task = data.Train.Task;
        var metric = context.ValidationMetric ?? MetricCatalog.Default(task);
        var rng = DeterministicRandom.ForStream((ulong)context.Seed, Splits.SplitPlanner.StableHash($"{method.Name}/{data.Entry.Name}/{data.Split}"));
        MethodOutcome? best = null;
        var bestLoss = double.PositiveInfinity;
        var bestTrial = -1;
        var fitSeconds = 0.0;
        var memory = new List<string>();
        for (var trial = 0; trial < trials; trial++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            ILearner learner = method.Learner == "lightgbm"
                ? new LightGbmLearner("lightgbm-hpo", LightGbmSearchSpace.Sample((LightGbmSettings)LightGbmLearner.Create(LightGbmLearner.TunedName, task).Settings, rng))
                : new RealMlpLearner("realmlp-hpo", RealMlpSearchSpace.Sample(RealMlpDefaults.Load(RealMlpLearner.TunedName, task), task.IsClassification(), rng));
            var outcome = Fit(learner, data, context with { Seed = context.Seed + trial }, new Dictionary<string, string>());
            fitSeconds += outcome.FitSeconds;
            var loss = metric.Compute(data.Valid.RequireTarget(), outcome.Valid);
            if (loss < bestLoss || best is null)
            {
                (best, bestLoss, bestTrial) = (outcome, loss, trial);
            }

            // Every 10th trial, the peak and current resident set: flat figures show each trial's model was freed.
            if ((trial + 1) % 10 == 0 && Running.MemoryProbe.PeakMb() is { } peak && Running.MemoryProbe.CurrentMb() is { } now)
            {
                memory.Add(string.Create(CultureInfo.InvariantCulture, $"{trial + 1}:{peak:F0}/{now:F0}"));
            }
        }

        var details = new Dictionary<string, string>(best!.Details)
        {
            ["trials"] = trials.ToString(CultureInfo.InvariantCulture),
            ["best_trial"] = bestTrial.ToString(CultureInfo.InvariantCulture),
        };
        if (memory.Count > 0)
        {
            details["memory_mb_peak_now_by_trial"] = string.Join(" ", memory);
        }

        return best with { FitSeconds = fitSeconds, Details = details };
    }

    /// <summary>Best-* (lowest validation error) or Ensemble-* (greedy selection, method-spec §7) over member outcomes.</summary>
    public static MethodOutcome Combine(BenchMethod method, TaskData data, IReadOnlyList<MethodOutcome> members, IMetric? selectionMetric = null)
    {
        var target = data.Valid.RequireTarget();
        var metric = selectionMetric ?? MetricCatalog.Default(target.Task);
        var valid = members.Select(m => m.Valid).ToArray();
        var fit = members.Sum(m => m.FitSeconds);
        var peak = members.Max(m => m.PeakMemoryMb);
        if (method.Kind == MethodKind.Best)
        {
            var best = MemberSelection.Best(valid, target, metric);
            var details = new Dictionary<string, string> { ["chosen"] = method.Members[best] };
            return new MethodOutcome(members[best].Valid, members[best].Test, fit, members[best].PredictSeconds, peak, details);
        }

        var selection = CaruanaSelector.Select(valid, target, metric);
        var weights = string.Join(" ", method.Members.Select((name, i) => string.Create(CultureInfo.InvariantCulture, $"{name}={selection.Weights[i]:0.###}")));
        var predict = members.Where((_, i) => selection.Weights[i] > 0).Sum(m => m.PredictSeconds);
        return new MethodOutcome(
            MemberSelection.Blend(valid, selection.Weights),
            MemberSelection.Blend(members.Select(m => m.Test).ToArray(), selection.Weights),
            fit,
            predict,
            peak,
            new Dictionary<string, string> { ["weights"] = weights });
    }

    /// <summary>
    /// A learner's fitting variant: on the split's holdout (optionally refitted on its training and validation
    /// rows with the selected iterations), or bagged over K folds of the split's training and
    /// validation rows (out-of-fold validation predictions, in row order of <see cref="TaskData.TrainValid"/>;
    /// test predictions averaged over the fold models, as the bundle's fold average predicts).
    /// </summary>
    /// <remarks>
    /// A holdout refit given <paramref name="validated"/> (the same learner's holdout outcome on this split, from
    /// the bench's run of the plain learner) reuses its validation predictions and selected epochs / iterations
    /// instead of fitting the holdout again: that fit is deterministic, so the outcome is the same, and the fit
    /// seconds are still the validated fit's plus the refit's.
    /// </remarks>
    public static MethodOutcome RunVariant(MemberVariant variant, TaskData data, LearnerContext context, MethodOutcome? validated = null)
    {
        if (validated is null || !variant.Refit || variant.Bagged)
        {
            return FitVariant(variant, data, context);
        }

        var learner = LearnerVariants.Create(variant.Learner, data.Train.Task, variant.Ensemble);
        var facts = new Dictionary<string, double>();
        foreach (var (key, text) in validated.Details)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                facts[key] = value;
            }
        }

        var details = new Dictionary<string, string>(validated.Details);
        var (model, refitSeconds) = Refit(learner, [facts], data, context, details);
        return Finish(model, validated.Valid, data, context, validated.FitSeconds + refitSeconds, details, null);
    }

    private static MethodOutcome FitVariant(MemberVariant variant, TaskData data, LearnerContext context)
    {
        var learner = LearnerVariants.Create(variant.Learner, data.Train.Task, variant.Ensemble);
        var trainValid = data.TrainValid;
        var plan = variant.Folds is { } k ? FoldPlan.KFold(trainValid.RequireTarget(), k, context.Seed) : null;
        FittedMember member;
        Predictions valid;
        if (plan is null)
        {
            var fit = MemberFitter.FitFold(learner, trainValid, new Holdout(Enumerable.Range(0, data.Train.RowCount).ToArray(), Enumerable.Range(data.Train.RowCount, data.Valid.RowCount).ToArray(), []), context);
            member = new FittedMember(learner, fit.Model, fit.Predictions, fit.FitSeconds, fit.PredictSeconds, false);
            valid = fit.Predictions;
        }
        else
        {
            member = MemberFitter.Assemble(learner, plan, plan.Folds.Select(fold => MemberFitter.FitFold(learner, trainValid, fold, context)).ToArray());
            valid = member.OutOfFold;
        }

        var details = member.Model.Facts.ToDictionary(f => f.Key, f => f.Value.ToString("R", CultureInfo.InvariantCulture));
        var fitSeconds = member.FitSeconds;
        var model = member.Model;
        if (variant.Refit)
        {
            var folds = (model is FoldAverageModel average ? average.Folds : [model]).Select(f => f.Facts).ToArray();
            (model as IDisposable)?.Dispose();
            (model, var refitSeconds) = Refit(learner, folds, data, context, details);
            fitSeconds += refitSeconds;
        }

        return Finish(model, valid, data, context, fitSeconds, details, plan);
    }

    /// <summary>Fits the refit of the validated fold models' facts on training + validation rows; adds its facts to the details.</summary>
    private static (IModel Model, double Seconds) Refit(ILearner learner, IReadOnlyList<IReadOnlyDictionary<string, double>> folds, TaskData data, LearnerContext context, Dictionary<string, string> details)
    {
        var clock = Stopwatch.StartNew();
        var refit = RefitPlanner.For(learner, folds).Fit(data.TrainValid, null, context);
        var seconds = clock.Elapsed.TotalSeconds;
        details[RefitSecondsKey] = seconds.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (key, value) in refit.Facts)
        {
            details[$"refit_{key}"] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        return (refit, seconds);
    }

    /// <summary>The test predictions of the final model (then disposed) and the outcome.</summary>
    private static MethodOutcome Finish(IModel model, Predictions valid, TaskData data, LearnerContext context, double fitSeconds, Dictionary<string, string> details, FoldPlan? plan)
    {
        var predictClock = Stopwatch.StartNew();
        var test = model.Predict(data.Test.WithoutTarget(), context.Threads);
        var predictSeconds = predictClock.Elapsed.TotalSeconds;
        if (plan is not null)
        {
            details["folds"] = plan.Folds.Count.ToString(CultureInfo.InvariantCulture);
        }

        (model as IDisposable)?.Dispose();
        return new MethodOutcome(valid, test, fitSeconds, predictSeconds, null, details);
    }

    /// <summary>
    /// A preset: its member variants combined by <see cref="EnsembleBuilder"/> exactly as `tabml train` combines
    /// them (calibration, Best-* and the greedy selection on the metric), then applied to the test predictions.
    /// </summary>
    public static MethodOutcome CombinePreset(BenchMethod method, TaskData data, IReadOnlyList<MethodOutcome> members, IMetric? metric)
    {
        var options = method.Preset!;
        var target = (options.Folds is null ? data.Valid : data.TrainValid).RequireTarget();
        var loss = metric ?? MetricCatalog.Default(target.Task);
        var selection = (options with { Metric = metric?.Name }).SelectionMetric(target.Task, loss);
        var combined = EnsembleBuilder.Build(members.Select(m => m.Valid).ToArray(), target, new EnsembleOptions(loss, selection, options.Calibrate, options.CalibrateEnsemble));
        var test = EnsembleBuilder.Apply(combined, members.Select(m => m.Test).ToArray());
        var details = new Dictionary<string, string>
        {
            ["weights"] = string.Join(" ", method.Members.Select((name, i) => string.Create(CultureInfo.InvariantCulture, $"{name}={combined.Selection.Weights[i]:0.###}"))),
            ["best"] = method.Members[combined.Best],
        };
        if (combined.Calibrators.Any(c => c is not null))
        {
            details["inverse_temperatures"] = string.Join(" ", combined.Calibrators.Select(c => c?.InverseTemperature.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"));
        }

        var predict = members.Where((_, i) => combined.Selection.Weights[i] > 0).Sum(m => m.PredictSeconds);

        // `tabml train` refits only the members the ensemble uses: a zero-weight member's refit is not its cost.
        var fit = members.Select((m, i) => m.FitSeconds - (combined.Selection.Weights[i] > 0 ? 0 : RefitSeconds(m))).Sum();
        return new MethodOutcome(combined.Ensemble, test, fit, predict, members.Max(m => m.PeakMemoryMb), details);
    }

    private const string RefitSecondsKey = "refit_seconds";

    private static double RefitSeconds(MethodOutcome member) =>
        member.Details.TryGetValue(RefitSecondsKey, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    private static MethodOutcome Fit(ILearner learner, TaskData data, LearnerContext context, Dictionary<string, string> details)
    {
        var clock = Stopwatch.StartNew();
        using var model = learner.Fit(data.Train, data.Valid, context);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var valid = model.Predict(data.Valid.WithoutTarget(), context.Threads);
        clock.Restart();
        var test = model.Predict(data.Test.WithoutTarget(), context.Threads);
        var predictSeconds = clock.Elapsed.TotalSeconds;
        foreach (var (key, value) in model.Facts)
        {
            details[key] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        return new MethodOutcome(valid, test, fitSeconds, predictSeconds, null, details);
    }
}
