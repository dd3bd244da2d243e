using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners.LightGbm.Native;
using Tabml.Settings;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// LightGBM-TD and LightGBM-D (method-spec §5): trains through tabml's own C API binding, one iteration at a
/// time, with the reference's early stopping on the validation metric, and keeps the best iteration count.
/// </summary>
public sealed class LightGbmLearner : ILearner
{
    public const string TunedName = "lightgbm-td";
    public const string DefaultName = "lightgbm-d";

    private readonly LightGbmSettings _settings;

    public LightGbmLearner(string name, LightGbmSettings settings)
    {
        Name = name;
        _settings = settings;
    }

    public string Name { get; }

    public object Settings => _settings;

    /// <summary>The variant's defaults for the task, from defaults/.</summary>
    public static LightGbmLearner Create(string name, TaskKind task)
    {
        var file = name == TunedName ? $"{TunedName}.{(task.IsClassification() ? "classification" : "regression")}" : DefaultName;
        return new LightGbmLearner(name, DefaultsCatalog.Load<LightGbmSettings>(file));
    }

    public IModel Fit(Dataset train, Dataset? valid, LearnerContext context) => Fit(train, valid, context, null);

    /// <summary>
    /// Fits alone, or as one rank of data-parallel training when <paramref name="cluster"/> is given: then the
    /// classes are the agreed ones, LightGBM's network does the histograms, and the early-stopping curve is
    /// the global validation loss every rank receives, so all ranks stop together.
    /// </summary>
    internal IModel Fit(Dataset train, Dataset? valid, LearnerContext context, IDistributedBoosting? cluster)
    {
        var target = train.RequireTarget();
        var classCount = cluster is null ? ClassCount(target) : (target.Task.IsClassification() ? target.ClassCount : 1);
        var layout = LightGbmFeatureLayout.Of(train);
        var parameters = LightGbmParameters.Build(_settings, target.Task, classCount, context.Seed, context.Threads, layout.CategoricalIndices);
        if (cluster is not null)
        {
            parameters += " " + cluster.Parameters;
        }

        using var trainSet = LightGbmDataset.FromMatrix(layout.ToMatrix(train), train.RowCount, layout.Width, parameters, null);
        trainSet.SetLabels(Labels(target));
        using var validSet = valid is null ? null : LightGbmDataset.FromMatrix(layout.ToMatrix(valid), valid.RowCount, layout.Width, parameters, trainSet);
        validSet?.SetLabels(Labels(valid!.RequireTarget()));
        using var booster = LightGbmBooster.Create(trainSet, parameters);
        if (validSet is not null)
        {
            booster.AddValidation(validSet);
        }

        var loss = validSet is null ? null : ValidationLoss.For(context.ValidationMetric, valid!.RequireTarget(), classCount);
        if (cluster is not null && loss is { IsNative: false })
        {
            // The ranks agree on the global loss by combining per-rank error rates or mean squares.
            throw TabmlException.Usage($"distributed LightGBM selects on the task's default metric, not '{loss.Name}'");
        }

        var (iterations, cutShort, stopping) = Boost(booster, loss, valid?.RowCount ?? 0, context, cluster);
        var best = validSet is null ? iterations : stopping.BestIterationCount();
        var facts = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [ModelFacts.BestIteration] = best,
            ["iterations_trained"] = iterations,
            [ModelFacts.CutShort] = cutShort ? 1 : 0,
        };
        if (validSet is not null && best > 0)
        {
            facts[ModelFacts.ValidationLoss] = stopping.Curve[best - 1];
        }

        return LightGbmModel.Create(Name, target.Task, classCount, layout, LightGbmModelText.WithoutThreadCount(booster.ModelText(best)), facts);
    }

    /// <summary>
    /// Grows iterations until the budget, the early stopping rule, or the deadline ends it; returns the
    /// iterations grown, whether the deadline cut them short, and the recorded validation curve.
    /// </summary>
    private (int Iterations, bool CutShort, EarlyStopping Stopping) Boost(LightGbmBooster booster, ValidationLoss? loss, int validRows, LearnerContext context, IDistributedBoosting? cluster)
    {
        var stopping = new EarlyStopping(_settings.EarlyStoppingRounds);
        var iterations = 0;
        while (iterations < _settings.NumIterations)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            booster.UpdateOneIteration();
            iterations++;
            double? value = null;
            var stop = false;
            if (loss is not null)
            {
                value = loss.Evaluate(booster);
                if (cluster is not null)
                {
                    value = cluster.GlobalLoss(iterations, value.Value, validRows);
                }

                stop = stopping.Record(value.Value);
            }

            context.Progress?.Report(new LearnerProgress(Name, iterations, _settings.NumIterations, "iteration", loss?.Name, value));
            if (stop)
            {
                break;
            }

            if (cluster is null && context.Deadline is { } deadline && DateTimeOffset.UtcNow >= deadline && iterations < _settings.NumIterations)
            {
                return (iterations, true, stopping);
            }
        }

        return (iterations, false, stopping);
    }

    private static int ClassCount(TargetColumn target)
    {
        if (!target.Task.IsClassification())
        {
            return 1;
        }

        var present = target.RequireLabels().Distinct().Count();
        if (present < 2)
        {
            throw TabmlException.BadData($"the training rows of '{target.Name}' hold a single class; a classifier needs at least 2 classes");
        }

        return target.ClassCount;
    }

    private static float[] Labels(TargetColumn target) =>
        target.Labels is { } labels ? labels.Select(l => (float)l).ToArray() : target.RequireValues().Select(v => (float)v).ToArray();
}
