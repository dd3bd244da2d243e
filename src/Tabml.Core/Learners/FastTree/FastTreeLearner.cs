using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Metrics;
using Tabml.Settings;

namespace Tabml.Learners.FastTree;

/// <summary>
/// FastTree-TD and FastTree-D (ML.NET FastTree): binary and regression natively, multiclass as one binary
/// model per class (one-versus-all) whose scores are combined into one distribution. ML.NET grows the trees;
/// tabml evaluates them on the validation rows and keeps the iteration LightGBM-TD's rule selects on the
/// context's validation metric (<see cref="FastTreeSelection"/>).
/// </summary>
public sealed class FastTreeLearner : ILearner
{
    public const string TunedName = "fasttree-td";
    public const string DefaultName = "fasttree-d";

    /// <summary>How one-versus-all scores become probabilities in new models (docs/fasttree.md has the measurements).</summary>
    internal const OneVersusAll Combination = OneVersusAll.NormalisedSigmoids;

    private readonly FastTreeSettings _settings;

    public FastTreeLearner(string name, FastTreeSettings settings)
    {
        Name = name;
        _settings = settings;
    }

    public string Name { get; }

    public object Settings => _settings;

    public static FastTreeLearner Create(string name, TaskKind task)
    {
        var file = name == TunedName ? $"{TunedName}.{(task.IsClassification() ? "classification" : "regression")}" : DefaultName;
        return new FastTreeLearner(name, DefaultsCatalog.Load<FastTreeSettings>(file));
    }

    public IModel Fit(Dataset train, Dataset? valid, LearnerContext context)
    {
        var target = train.RequireTarget();
        if (target.Task.IsClassification() && target.RequireLabels().Distinct().Count() < 2)
        {
            throw TabmlException.BadData($"the training rows of '{target.Name}' hold a single class; a classifier needs at least 2 classes");
        }

        var encoder = FastTreeFeatureEncoder.Fit(train, _settings.MaxOneHotCategories);
        var trainRows = encoder.Encode(train);
        var ml = new MLContext(context.Seed);
        var fits = FitAll(ml, trainRows, target, context);
        var facts = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["models"] = fits.Count,
            ["trees_built"] = fits.Sum(f => f.Forest.TreeCount),
        };
        var kept = fits.Select(f => f.Forest.TreeCount).ToArray();
        if (valid is not null && _settings.SelectBestIteration)
        {
            var metric = context.ValidationMetric ?? MetricCatalog.Default(target.Task);
            var input = new FastTreeSelection.SelectionInput(fits, encoder.EncodeRowMajor(valid, context.Threads), encoder.Width, valid.RequireTarget(), metric, _settings.EarlyStoppingRounds, Combination)
            {
                Cancellation = context.Cancellation,
            };
            var selected = FastTreeSelection.Select(input);
            kept = fits.Select(f => Math.Min(selected.Kept, f.Forest.TreeCount)).ToArray();
            facts[ModelFacts.BestIteration] = selected.Kept;
            facts[ModelFacts.ValidationLoss] = selected.Loss;
        }

        var parts = new FastTreeModelParts(Name, target.Task, target.ClassCount, encoder, Combination, facts);
        return new FastTreeModel(parts, fits, kept);
    }

    private List<FastTreeFit> FitAll(MLContext ml, float[][] rows, TargetColumn target, LearnerContext context)
    {
        var fits = new List<FastTreeFit>();
        if (target.Task == TaskKind.Regression)
        {
            var options = Configure(new FastTreeRegressionTrainer.Options(), context);
            var data = FastTreeRows.Regression(ml, rows, target.RequireValues().Select(v => (float)v).ToArray());
            fits.Add(FastTreeFit.Of(Guard(() => ml.Regression.Trainers.FastTree(options).Fit(data))));
            context.Progress?.Report(new LearnerProgress(Name, 1, 1, "model", null, null));
            return fits;
        }

        // ML.NET trains one FastTree at a time per process (a global lock and a static thread pool), so the
        // one-versus-all models are fitted one after another, each on all of the learner's threads.
        var classes = target.Task == TaskKind.Binary ? 1 : target.ClassCount;
        for (var k = 0; k < classes; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var positive = target.Task == TaskKind.Binary ? 1 : k;
            var labels = target.RequireLabels().Select(l => l == positive).ToArray();
            var options = Configure(new FastTreeBinaryTrainer.Options(), context);
            var data = FastTreeRows.Binary(ml, rows, labels);
            fits.Add(FastTreeFit.Of(Guard(() => ml.BinaryClassification.Trainers.FastTree(options).Fit(data))));
            context.Progress?.Report(new LearnerProgress(Name, k + 1, classes, "model", null, null));
        }

        return fits;
    }

    private T Configure<T>(T options, LearnerContext context)
        where T : BoostedTreeOptions
    {
        options.NumberOfTrees = _settings.NumberOfTrees;
        options.NumberOfLeaves = _settings.NumberOfLeaves;
        options.LearningRate = _settings.LearningRate;
        options.MinimumExampleCountPerLeaf = _settings.MinimumExampleCountPerLeaf;
        options.BaggingSize = _settings.BaggingSize;
        options.BaggingExampleFraction = _settings.BaggingExampleFraction;
        options.FeatureFraction = _settings.FeatureFraction;
        options.MaximumBinCountPerFeature = _settings.MaximumBinCountPerFeature;

        // tabml selects the kept prefix itself, on its own evaluation of the trees (no validation set for ML.NET).
        options.EnablePruning = false;
        options.Seed = context.Seed;
        options.NumberOfThreads = context.Threads;
        options.FeatureColumnName = "Features";
        options.LabelColumnName = "Label";
        return options;
    }

    /// <summary>ML.NET reports a training problem (e.g. too few rows for a leaf) as an exception: make it one line.</summary>
    private static ITransformer Guard(Func<ITransformer> fit)
    {
        try
        {
            return fit();
        }
        catch (InvalidOperationException e)
        {
            throw TabmlException.BadData($"FastTree could not train: {e.Message.Split('\n')[0]}");
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw TabmlException.BadData($"FastTree could not train: {e.Message.Split('\n')[0]}");
        }
    }
}
