using System.Globalization;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Explaining;
using Tabml.Metrics;
using Tabml.Reporting;
using Tabml.Training;

namespace Tabml;

/// <summary>
/// tabml as a library: train on a CSV file or in-memory data with the same options as <c>tabml train</c>,
/// read the leaderboard, save and load the model file, and predict labels, class probabilities or values
/// for new rows (<see cref="TabularData"/>). The command line is a shell over this class.
/// </summary>
public sealed class TabmlModel : IDisposable
{
    private TabmlModel(ModelBundle bundle, TrainResult? training, int? trainingRows)
    {
        Bundle = bundle;
        Training = training;
        TrainingRows = trainingRows;
    }

    /// <summary>The model file's content: schema, members, weights.</summary>
    public ModelBundle Bundle { get; }

    /// <summary>The task: binary, multiclass or regression.</summary>
    public TaskKind Task => Bundle.Task;

    /// <summary>The target column the model predicts.</summary>
    public string Target => Bundle.Schema.Target.Name;

    /// <summary>The class labels (classification), in probability order; empty for regression.</summary>
    public IReadOnlyList<string> Classes => Bundle.Schema.Target.ClassLabels;

    /// <summary>The columns rows to predict must have, in order (a date column once, not its derived features).</summary>
    public IReadOnlyList<string> InputColumns => Bundle.Schema.InputColumns();

    /// <summary>The validation metric of the members and the leaderboard (error, rmse, ...).</summary>
    public string Metric => Bundle.Validation.Metric;

    /// <summary>How training went: the leaderboard and the validation; null for a model loaded from a file.</summary>
    public TrainResult? Training { get; }

    /// <summary>The leaderboard of training (members, Best-TD, Ensemble-TD); empty for a loaded model.</summary>
    public IReadOnlyList<LeaderboardRow> Leaderboard => Training?.Leaderboard ?? [];

    /// <summary>The rows trained on (those with a target); null for a loaded model.</summary>
    public int? TrainingRows { get; }

    /// <summary>
    /// Trains a model: reads <paramref name="data"/> as <paramref name="read"/> says (target, task, column
    /// overrides, dates), then trains and combines the members of <paramref name="options"/>
    /// (<see cref="TrainDefaults.Options"/> when null). User errors are <see cref="Errors.TabmlException"/>.
    /// </summary>
    public static TabmlModel Train(TabularData data, TrainingReadOptions read, TrainOptions? options = null, TrainMonitor? monitor = null)
    {
        var reporter = monitor?.Reporter ?? NullReporter.Instance;
        var training = DatasetReader.ReadForTraining(data, read, reporter);
        var target = training.Schema.Target;
        reporter.Info(string.Create(CultureInfo.InvariantCulture, $"{data.Origin}: {training.Dataset.RowCount} rows, {training.Dataset.Features.Count} features, target '{target.Name}' ({target.Task.ToName()})"));
        var result = new Trainer(reporter, monitor?.Progress).Train(training, options ?? TrainDefaults.Options, monitor?.Cancellation ?? default);
        return new TabmlModel(result.Bundle, result, training.Dataset.RowCount);
    }

    /// <summary>Trains a model of <paramref name="target"/> with the CLI's defaults or <paramref name="options"/>.</summary>
    public static TabmlModel Train(TabularData data, string target, TrainOptions? options = null) =>
        Train(data, new TrainingReadOptions { Target = target }, options);

    /// <summary>Loads a model file written by <see cref="Save"/> or <c>tabml train</c> (verified; a bad file is a <see cref="Errors.TabmlException"/>).</summary>
    public static TabmlModel Load(string path) => new(ModelBundle.Load(path), null, null);

    /// <summary>Wraps a bundle built or loaded elsewhere.</summary>
    public static TabmlModel FromBundle(ModelBundle bundle) => new(bundle, null, null);

    /// <summary>Writes the model file (the same seed, data and threads give the same bytes).</summary>
    public void Save(string path) => Bundle.Save(path);

    /// <summary>Predicts every row of <paramref name="data"/>, in order; columns the model does not use are ignored.</summary>
    public ModelPredictions Predict(TabularData data, PredictOptions? options = null)
    {
        options ??= new PredictOptions();
        var features = DatasetReader.ReadForPrediction(data, Bundle.Schema, options.MissingTokens, options.Reporter);
        return new ModelPredictions(Bundle.Schema.Target, Bundle.Predict(features, Math.Max(1, options.Threads), options.Member));
    }

    /// <summary>Predicts one row per record (<see cref="TabularData.FromRecords{T}"/> names the columns).</summary>
    public ModelPredictions Predict<T>(IEnumerable<T> records, PredictOptions? options = null) =>
        Predict(TabularData.FromRecords(records), options);

    /// <summary>Test metrics on labelled data, as <c>tabml evaluate</c> reports them (rows without a target are skipped).</summary>
    public EvaluationReport Evaluate(TabularData labelled, PredictOptions? options = null)
    {
        options ??= new PredictOptions();
        var data = DatasetReader.ReadForEvaluation(labelled, Bundle.Schema, options.MissingTokens, options.Reporter);
        var predictions = Bundle.Predict(data.Features, Math.Max(1, options.Threads), options.Member);
        return EvaluationReport.Evaluate(data.Target, data.RowsWithTarget.Length == predictions.RowCount ? predictions : predictions.Slice(data.RowsWithTarget));
    }

    /// <summary>
    /// Permutation importance of each input column on labelled rows, in the model's metric (as
    /// <c>tabml explain</c>); <paramref name="missingTokens"/> null uses those of training.
    /// </summary>
    public ImportanceReport Explain(TabularData labelled, ImportanceOptions? options = null, IReporter? reporter = null, IReadOnlyList<string>? missingTokens = null)
    {
        var data = DatasetReader.ReadForEvaluation(labelled, Bundle.Schema, missingTokens, reporter);
        return PermutationImportance.Compute(Bundle, data, options ?? new ImportanceOptions());
    }

    /// <summary>Frees the members' native resources (LightGBM boosters, ML.NET objects).</summary>
    public void Dispose() => Bundle.Dispose();
}
