using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Calibration;
using Tabml.Data;
using Tabml.Ensembling;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Metrics;
using Tabml.Numerics.Simd;
using Tabml.Reporting;
using Tabml.Settings;
using Tabml.Validation;

namespace Tabml.Training;

/// <summary>
/// Trains the chosen learners on the same splits (one holdout, or k folds), then combines them: Best-TD is
/// the member with the lowest validation error (classification error / RMSE; ties to the earlier member),
/// and Ensemble-TD the greedy selection of method-spec §7 on the validation predictions; the bundle
/// predicts with the ensemble's weights.
/// </summary>
public sealed class Trainer
{
    public const string BestName = "best-td";
    public const string EnsembleName = "ensemble-td";

    private readonly IReporter _reporter;
    private readonly IProgress<LearnerProgress>? _progress;

    public Trainer(IReporter? reporter = null, IProgress<LearnerProgress>? progress = null)
    {
        _reporter = reporter ?? NullReporter.Instance;
        _progress = progress;
    }

    public TrainResult Train(TrainingData data, TrainOptions options, CancellationToken cancellation = default)
    {
        var dataset = data.Dataset;
        var target = dataset.RequireTarget();
        var plan = options.Folds is { } k ? FoldPlan.KFold(target, k, options.Seed) : FoldPlan.Holdout(target, options.ValidFraction, options.Seed);
        foreach (var note in plan.Folds.SelectMany(f => f.Notes))
        {
            _reporter.Warning(note);
        }

        var stratified = target.Task.IsClassification() ? "stratified, " : string.Empty;
        _reporter.Info(plan.IsHoldout
            ? $"validation: {plan.Folds[0].Valid.Length} of {dataset.RowCount} rows held out ({stratified}seed {options.Seed})"
            : $"validation: {plan.Method} cross-fitting over {dataset.RowCount} rows ({stratified}seed {options.Seed})");

        var deadline = options.TimeLimit is { } limit ? DateTimeOffset.UtcNow + limit : (DateTimeOffset?)null;
        var order = TrainingOrder.CheapestFirst(options.Models);
        var learners = order.Select(name => LearnerVariants.ForMember(name, target.Task, options.RealMlpEnsemble)).ToArray();

        // Independent (member, fold) fits run side by side, queued cheapest member first; a finished fit's
        // threads go to those still running. Every learner's result is independent of its thread count, so
        // the models do not depend on scheduling.
        var metric = ResolveMetric(options, target.Task);
        var context = new LearnerContext
        {
            Seed = options.Seed,
            Threads = 1,
            Cancellation = cancellation,
            Progress = _progress,
            Deadline = deadline,
            ValidationMetric = metric.Name == MetricCatalog.Default(target.Task).Name ? null : metric,
        };
        var fits = new FoldFit?[learners.Length, plan.Folds.Count];
        var started = new bool[learners.Length];
        var tasks = Enumerable.Range(0, learners.Length).SelectMany(m => Enumerable.Range(0, plan.Folds.Count).Select(f => (Member: m, Fold: f))).ToArray();
        try
        {
            new FitScheduler(options.Threads).Run(
                tasks,
                task =>
                {
                    // A member not begun before the time limit is skipped; the first one always runs.
                    if (!started[task.Member] && started.Any(s => s) && deadline is { } d && DateTimeOffset.UtcNow >= d)
                    {
                        return false;
                    }

                    if (!started[task.Member])
                    {
                        started[task.Member] = true;
                        _reporter.Info($"training {learners[task.Member].Name}");
                    }

                    return true;
                },
                (task, budget) => fits[task.Member, task.Fold] = MemberFitter.FitFold(learners[task.Member], dataset, plan.Folds[task.Fold], context with { Threads = budget.Current, ThreadBudget = budget }),
                cancellation);
        }
        catch (Exception e)
        {
            // The members fitted before the failure hold native models: free them, then report the cause itself.
            foreach (var fit in fits)
            {
                fit?.Model.Dispose();
            }

            LearnerFailure.Rethrow(e);
        }

        var members = new List<FittedMember>();
        var skipped = new List<string>();
        for (var m = 0; m < learners.Length; m++)
        {
            var folds = Enumerable.Range(0, plan.Folds.Count).Select(f => fits[m, f]).ToArray();
            if (folds.Any(f => f is null))
            {
                Array.ForEach(folds, f => f?.Model.Dispose());
                skipped.Add(learners[m].Name);
                _reporter.Warning($"{learners[m].Name} skipped: the --time-limit was reached");
                continue;
            }

            members.Add(MemberFitter.Assemble(learners[m], plan, folds!));
        }

        var validated = target.Slice(plan.ValidatedRows);
        var ensembleOptions = new EnsembleOptions(metric, options.SelectionMetric(validated.Task, metric), options.Calibrate, options.CalibrateEnsemble);
        var combined = EnsembleBuilder.Build(members.Select(f => f.OutOfFold).ToArray(), validated, ensembleOptions);
        if (options.Refit)
        {
            members = Refit(dataset, members, combined.Selection.Weights, context, options.Threads);
        }

        return Combine(data, options, plan, validated, ensembleOptions, members, combined, skipped);
    }

    /// <summary>
    /// Each member the ensemble uses (weight &gt; 0) refitted on all rows for its selected epochs / iterations;
    /// the out-of-fold predictions of the validated fits calibrated and weighted it, so refitting comes after
    /// the selection and a member left out keeps its validated fit (it changes no prediction of the bundle).
    /// Under --time-limit a refit not begun before the limit, or cut short by it, leaves the validated fit.
    /// </summary>
    private List<FittedMember> Refit(Dataset dataset, List<FittedMember> members, double[] weights, LearnerContext context, int threads)
    {
        var refitted = members.ToArray();
        new FitScheduler(threads).Run(
            Enumerable.Range(0, members.Count).Where(m => weights[m] > 0).ToArray(),
            m =>
            {
                if (context.Deadline is { } deadline && DateTimeOffset.UtcNow >= deadline)
                {
                    _reporter.Warning($"{members[m].Learner.Name} not refitted: the --time-limit was reached; it keeps its validated fit");
                    return false;
                }

                return true;
            },
            (m, budget) =>
            {
                var member = members[m];
                var learner = RefitPlanner.For(member.Learner, member.Model);
                _reporter.Info($"refitting {member.Learner.Name} on all {dataset.RowCount} rows");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var model = learner.Fit(dataset, null, context with { Threads = budget.Current, ThreadBudget = budget });
                if (model.Facts.GetValueOrDefault(ModelFacts.CutShort) > 0)
                {
                    _reporter.Warning($"{member.Learner.Name}'s refit was cut short by the --time-limit; it keeps its validated fit");
                    model.Dispose();
                    return;
                }

                member.Model.Dispose();
                refitted[m] = member with { Model = model, FitSeconds = member.FitSeconds + clock.Elapsed.TotalSeconds };
            },
            context.Cancellation);
        return [.. refitted];
    }

    private static TrainResult Combine(TrainingData data, TrainOptions options, FoldPlan plan, TargetColumn target, EnsembleOptions ensembleOptions, List<FittedMember> members, CombinedMembers combined, List<string> skipped)
    {
        var (metric, selectionMetric) = (ensembleOptions.Metric, ensembleOptions.SelectionMetric);
        var selection = combined.Selection;
        var best = combined.Best;
        var memberScores = combined.Validation.Select(p => ValidationScores.Compute(target, p)).ToArray();

        var leaderboard = new List<LeaderboardRow>();
        for (var i = 0; i < members.Count; i++)
        {
            var f = members[i];
            var note = f.CutShort ? "cut short by --time-limit" : null;
            leaderboard.Add(new LeaderboardRow(f.Learner.Name, metric.Compute(target, combined.Validation[i]), memberScores[i], selection.Weights[i], f.FitSeconds, f.PredictSeconds, note));
        }

        leaderboard.Add(new LeaderboardRow(BestName, metric.Compute(target, combined.Validation[best]), memberScores[best], null, members.Sum(f => f.FitSeconds), members[best].PredictSeconds, $"= {members[best].Learner.Name}"));
        leaderboard.Add(new LeaderboardRow(EnsembleName, metric.Compute(target, combined.Ensemble), ValidationScores.Compute(target, combined.Ensemble), null, members.Sum(f => f.FitSeconds), members.Where((_, i) => selection.Weights[i] > 0).Sum(f => f.PredictSeconds), selectionMetric.Name == metric.Name ? "selected" : $"selected, weights chosen on {selectionMetric.Name}"));
        foreach (var name in skipped)
        {
            leaderboard.Add(new LeaderboardRow(name, null, new Dictionary<string, double>(), 0, 0, 0, "skipped: --time-limit reached"));
        }

        var bundleMembers = members.Select((f, i) => new BundleMember(
            f.Learner.Name,
            combined.Calibrators[i] is { } calibrator ? new CalibratedModel(f.Model, calibrator) : f.Model,
            selection.Weights[i],
            memberScores[i],
            SettingsJson(f.Learner))).ToArray();
        var settings = new JsonObject
        {
            ["preset"] = options.Preset,
            ["models"] = new JsonArray(options.Models.Select(name => (JsonNode)JsonValue.Create(name)).ToArray()),
            ["seed"] = options.Seed,
            ["val_fraction"] = plan.IsHoldout ? options.ValidFraction : null,
            ["folds"] = options.Folds,
            ["metric"] = metric.Name,
            ["ensemble_metric"] = selectionMetric.Name,
            ["calibrate"] = options.Calibrate,
            ["select_on_log_loss"] = options.SelectOnLogLoss,
            ["realmlp_ensemble"] = options.RealMlpEnsemble,
            ["refit"] = options.Refit,
            ["calibrate_ensemble"] = options.CalibrateEnsemble,
            ["simd"] = StrictEnumConverter.NameOf(SimdSupport.Active),
        };
        var ensemble = new JsonObject
        {
            ["method"] = "caruana",
            ["steps"] = CaruanaSelector.DefaultSteps,
            ["metric"] = selectionMetric.Name,
            ["counts"] = new JsonArray(selection.Counts.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["validation_loss"] = selection.Loss,
            ["best_member"] = members[best].Learner.Name,
            ["calibration"] = options.Calibrate && target.Task.IsClassification() ? "ts-mix" : null,
            [EnsembleCalibration.Key] = combined.EnsembleCalibrator is { } blendCalibrator ? EnsembleCalibration.ToJson(blendCalibrator) : null,
        };
        var validation = new BundleValidation(plan.Method, plan.IsHoldout ? plan.Folds[0].Train.Length : plan.RowCount, target.Length, metric.Name);
        var bundle = new ModelBundle(data.Schema, settings, validation, bundleMembers, ensemble);
        return new TrainResult(bundle, leaderboard, metric.Name, plan.Method, plan.ValidatedRows.Length);
    }

    /// <summary>The run's selection metric: the user's, or the task's default (error / RMSE).</summary>
    internal static IMetric ResolveMetric(TrainOptions options, TaskKind task) =>
        options.Metric is { } name ? MetricCatalog.Get(name, task) : MetricCatalog.Default(task);

    private static JsonNode? SettingsJson(ILearner learner) =>
        JsonSerializer.SerializeToNode(learner.Settings, learner.Settings.GetType(), DefaultsCatalog.JsonOptions);
}
