using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;
using Tabml.Reporting;
using Tabml.Settings;
using Tabml.Validation;

namespace Tabml.Training;

/// <summary>
/// Trains the chosen learners on one holdout split and bundles them: each member is fitted on the training
/// rows with the validation rows for early stopping, scored on the validation rows, and the member with the
/// lowest validation error (classification error / RMSE; ties to the earlier member) predicts (Best-TD).
/// </summary>
public sealed class Trainer
{
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
        var holdout = HoldoutSplitter.Split(target, options.ValidFraction, options.Seed);
        foreach (var note in holdout.Notes)
        {
            _reporter.Warning(note);
        }

        _reporter.Info($"validation: {holdout.Valid.Length} of {dataset.RowCount} rows held out ({(target.Task.IsClassification() ? "stratified, " : string.Empty)}seed {options.Seed})");
        var train = dataset.Slice(holdout.Train);
        var valid = dataset.Slice(holdout.Valid);
        var metric = MetricCatalog.Default(target.Task);
        var context = new LearnerContext { Seed = options.Seed, Threads = options.Threads, Cancellation = cancellation, Progress = _progress };

        var fitted = new List<(ILearner Learner, IModel Model, IReadOnlyDictionary<string, double> Scores, double Score, double Fit, double Predict)>();
        foreach (var name in options.Models)
        {
            var learner = LearnerCatalog.Create(name, target.Task);
            _reporter.Info($"training {learner.Name} on {train.RowCount} rows");
            var clock = Stopwatch.StartNew();
            var model = learner.Fit(train, valid, context);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var predictions = model.Predict(valid.WithoutTarget(), options.Threads);
            var predictSeconds = clock.Elapsed.TotalSeconds;
            var scores = ValidationScores.Compute(valid.RequireTarget(), predictions);
            fitted.Add((learner, model, scores, metric.Compute(valid.RequireTarget(), predictions), fitSeconds, predictSeconds));
        }

        var best = 0;
        for (var i = 1; i < fitted.Count; i++)
        {
            if (fitted[i].Score < fitted[best].Score)
            {
                best = i;
            }
        }

        var members = fitted.Select((f, i) => new BundleMember(f.Learner.Name, f.Model, i == best ? 1.0 : 0.0, f.Scores, SettingsJson(f.Learner))).ToArray();
        var leaderboard = fitted.Select((f, i) => new LeaderboardRow(f.Learner.Name, f.Score, f.Scores, i == best ? 1.0 : 0.0, f.Fit, f.Predict, i == best ? "best" : null)).ToList();
        var settings = new JsonObject
        {
            ["models"] = new JsonArray(options.Models.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
            ["seed"] = options.Seed,
            ["threads"] = options.Threads,
            ["val_fraction"] = options.ValidFraction,
            ["selection"] = "best",
        };
        var validation = new BundleValidation("holdout", holdout.Train.Length, holdout.Valid.Length, metric.Name);
        var bundle = new ModelBundle(data.Schema, settings, validation, members);
        return new TrainResult(bundle, leaderboard, metric.Name, holdout);
    }

    private static JsonNode? SettingsJson(ILearner learner) =>
        JsonSerializer.SerializeToNode(learner.Settings, learner.Settings.GetType(), DefaultsCatalog.JsonOptions);
}
