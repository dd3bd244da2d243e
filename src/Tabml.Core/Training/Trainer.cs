using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Bundles;
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
        var learners = order.Select(name => LearnerCatalog.Create(name, target.Task)).ToArray();

        // Independent (member, fold) fits run side by side, each with a fixed share of the threads, so the
        // result does not depend on scheduling; they are queued cheapest member first.
        var concurrent = Math.Max(1, Math.Min(options.Threads, learners.Length * plan.Folds.Count));
        var context = new LearnerContext { Seed = options.Seed, Threads = Math.Max(1, options.Threads / concurrent), Cancellation = cancellation, Progress = _progress, Deadline = deadline };
        var fits = new FoldFit?[learners.Length, plan.Folds.Count];
        var started = new bool[learners.Length];
        var gate = new Lock();
        var tasks = Enumerable.Range(0, learners.Length).SelectMany(m => Enumerable.Range(0, plan.Folds.Count).Select(f => (Member: m, Fold: f))).ToArray();
        try
        {
            Parallel.ForEach(
                Partitioner.Create(tasks, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = cancellation },
                task =>
                {
                    lock (gate)
                    {
                        // A member not begun before the time limit is skipped; the first one always runs.
                        var anyStarted = started.Any(s => s);
                        if (!started[task.Member] && anyStarted && deadline is { } d && DateTimeOffset.UtcNow >= d)
                        {
                            return;
                        }

                        if (!started[task.Member])
                        {
                            started[task.Member] = true;
                            _reporter.Info($"training {learners[task.Member].Name}");
                        }
                    }

                    fits[task.Member, task.Fold] = MemberFitter.FitFold(learners[task.Member], dataset, plan.Folds[task.Fold], context);
                });
        }
        catch (AggregateException e)
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

        return Combine(data, options, plan, members, skipped);
    }

    private static TrainResult Combine(TrainingData data, TrainOptions options, FoldPlan plan, List<FittedMember> members, List<string> skipped)
    {
        var target = data.Dataset.RequireTarget().Slice(plan.ValidatedRows);
        var metric = MetricCatalog.Default(target.Task);
        var selectionMetric = options.EnsembleMetric is { } m ? MetricCatalog.Get(m, target.Task) : metric;
        var scores = members.Select(f => metric.Compute(target, f.OutOfFold)).ToArray();
        var best = MemberSelection.Best(members.Select(f => f.OutOfFold).ToArray(), target, metric);

        var selection = CaruanaSelector.Select(members.Select(f => f.OutOfFold).ToArray(), target, selectionMetric);
        var ensemblePredictions = MemberSelection.Blend(members.Select(f => f.OutOfFold).ToArray(), selection.Weights);
        var ensembleScores = ValidationScores.Compute(target, ensemblePredictions);

        var leaderboard = new List<LeaderboardRow>();
        for (var i = 0; i < members.Count; i++)
        {
            var f = members[i];
            var note = f.CutShort ? "cut short by --time-limit" : null;
            leaderboard.Add(new LeaderboardRow(f.Learner.Name, scores[i], ValidationScores.Compute(target, f.OutOfFold), selection.Weights[i], f.FitSeconds, f.PredictSeconds, note));
        }

        leaderboard.Add(new LeaderboardRow(BestName, scores[best], ValidationScores.Compute(target, members[best].OutOfFold), null, members.Sum(f => f.FitSeconds), members[best].PredictSeconds, $"= {members[best].Learner.Name}"));
        leaderboard.Add(new LeaderboardRow(EnsembleName, metric.Compute(target, ensemblePredictions), ensembleScores, null, members.Sum(f => f.FitSeconds), members.Where((_, i) => selection.Weights[i] > 0).Sum(f => f.PredictSeconds), "selected"));
        foreach (var name in skipped)
        {
            leaderboard.Add(new LeaderboardRow(name, null, new Dictionary<string, double>(), 0, 0, 0, "skipped: --time-limit reached"));
        }

        var bundleMembers = members.Select((f, i) => new BundleMember(f.Learner.Name, f.Model, selection.Weights[i], ValidationScores.Compute(target, f.OutOfFold), SettingsJson(f.Learner))).ToArray();
        var settings = new JsonObject
        {
            ["models"] = new JsonArray(options.Models.Select(name => (JsonNode)JsonValue.Create(name)).ToArray()),
            ["seed"] = options.Seed,
            ["threads"] = options.Threads,
            ["val_fraction"] = plan.IsHoldout ? options.ValidFraction : null,
            ["folds"] = options.Folds,
            ["ensemble_metric"] = selectionMetric.Name,
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
        };
        var validation = new BundleValidation(plan.Method, plan.IsHoldout ? plan.Folds[0].Train.Length : plan.RowCount, target.Length, metric.Name);
        var bundle = new ModelBundle(data.Schema, settings, validation, bundleMembers, ensemble);
        return new TrainResult(bundle, leaderboard, metric.Name, plan.Method, plan.ValidatedRows.Length);
    }

    private static JsonNode? SettingsJson(ILearner learner) =>
        JsonSerializer.SerializeToNode(learner.Settings, learner.Settings.GetType(), DefaultsCatalog.JsonOptions);
}
