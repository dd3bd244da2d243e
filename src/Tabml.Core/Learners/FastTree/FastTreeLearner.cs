using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Settings;

namespace Tabml.Learners.FastTree;

/// <summary>
/// FastTree-TD and FastTree-D (ML.NET FastTree): binary and regression natively, multiclass as one
/// binary model per class (one-versus-all) with probabilities normalised per row. Each binary or regression
/// model uses the validation rows to keep its best iteration.
/// </summary>
public sealed class FastTreeLearner : ILearner
{
    public const string TunedName = "fasttree-td";
    public const string DefaultName = "fasttree-d";

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
        var validRows = valid is null ? null : encoder.Encode(valid);
        var ml = new MLContext(context.Seed);
        context.Progress?.Report(new LearnerProgress(Name, 0, 1, "model", null, null));
        var models = new List<ITransformer>();
        if (target.Task == TaskKind.Regression)
        {
            models.Add(FitRegression(ml, trainRows, target.RequireValues(), validRows, valid?.RequireTarget().RequireValues(), context));
        }
        else
        {
            var classes = target.Task == TaskKind.Binary ? 1 : target.ClassCount;
            for (var k = 0; k < classes; k++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var positive = target.Task == TaskKind.Binary ? 1 : k;
                var labels = target.RequireLabels().Select(l => l == positive).ToArray();
                var validLabels = valid?.RequireTarget().RequireLabels().Select(l => l == positive).ToArray();
                models.Add(FitBinary(ml, trainRows, labels, validRows, validLabels, context));
                context.Progress?.Report(new LearnerProgress(Name, k + 1, classes, "model", null, null));
            }
        }

        context.Progress?.Report(new LearnerProgress(Name, 1, 1, "model", null, null));
        return new FastTreeModel(Name, target.Task, target.ClassCount, encoder, ml, models);
    }

    private ITransformer FitBinary(MLContext ml, float[][] rows, bool[] labels, float[][]? validRows, bool[]? validLabels, LearnerContext context)
    {
        var options = new FastTreeBinaryTrainer.Options();
        Configure(options, context, validRows is not null);
        var trainer = ml.BinaryClassification.Trainers.FastTree(options);
        var data = FastTreeRows.Binary(ml, rows, labels);
        // A class absent from the validation rows leaves nothing to select on; train without selection.
        if (validRows is null || validLabels is null || validLabels.Distinct().Count() < 2 || labels.Distinct().Count() < 2)
        {
            options.EnablePruning = false;
            return Guard<ITransformer>(() => ml.BinaryClassification.Trainers.FastTree(options).Fit(data));
        }

        return Guard<ITransformer>(() => trainer.Fit(data, FastTreeRows.Binary(ml, validRows, validLabels)));
    }

    private ITransformer FitRegression(MLContext ml, float[][] rows, double[] y, float[][]? validRows, double[]? validY, LearnerContext context)
    {
        var options = new FastTreeRegressionTrainer.Options { EarlyStoppingMetric = EarlyStoppingMetric.L2Norm };
        Configure(options, context, validRows is not null);
        var data = FastTreeRows.Regression(ml, rows, y.Select(v => (float)v).ToArray());
        if (validRows is null)
        {
            return Guard<ITransformer>(() => ml.Regression.Trainers.FastTree(options).Fit(data));
        }

        var valid = FastTreeRows.Regression(ml, validRows, validY!.Select(v => (float)v).ToArray());
        return Guard<ITransformer>(() => ml.Regression.Trainers.FastTree(options).Fit(data, valid));
    }

    private void Configure(BoostedTreeOptions options, LearnerContext context, bool hasValidation)
    {
        options.NumberOfTrees = _settings.NumberOfTrees;
        options.NumberOfLeaves = _settings.NumberOfLeaves;
        options.LearningRate = _settings.LearningRate;
        options.MinimumExampleCountPerLeaf = _settings.MinimumExampleCountPerLeaf;
        options.BaggingSize = _settings.BaggingSize;
        options.BaggingExampleFraction = _settings.BaggingExampleFraction;
        options.FeatureFraction = _settings.FeatureFraction;
        options.MaximumBinCountPerFeature = _settings.MaximumBinCountPerFeature;
        options.EnablePruning = _settings.SelectBestIteration && hasValidation;
        options.UseTolerantPruning = false;
        options.Seed = context.Seed;
        options.NumberOfThreads = context.Threads;
        options.FeatureColumnName = "Features";
        options.LabelColumnName = "Label";
    }

    /// <summary>ML.NET reports a training problem (e.g. too few rows for a leaf) as an exception: make it one line.</summary>
    private static T Guard<T>(Func<T> fit)
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
