using System.CommandLine;
using System.Globalization;
using Tabml.Cli.Output;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Training;

namespace Tabml.Cli.Commands;

/// <summary>`tabml train DATA`: trains tuned-default models, prints a leaderboard and writes the bundle.</summary>
internal static class TrainCommand
{
    /// <summary>The default members, cheapest first; those not built into this tabml are left out.</summary>
    private static readonly string[] DefaultModels = ["lightgbm-td", "fasttree-td", "realmlp-td"];

    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "Training CSV file (.csv or .csv.gz) with a header row." };
        var dataOptions = new DataOptions();
        var common = new CommonOptions();
        var models = new Option<string[]>("--models", "-m") { Description = $"Learners, comma-separated (default: {string.Join(",", DefaultModels)}); known: lightgbm, lightgbm-d, fasttree, fasttree-d, realmlp, realmlp-s.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model bundle.", DefaultValueFactory = _ => "model.tabml" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same data, seed and threads give the same model file.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Threads to use (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var validFraction = new Option<double>("--val-fraction") { Description = "Fraction of the training rows held out for early stopping and selection.", DefaultValueFactory = _ => 0.2 };
        var folds = new Option<int?>("--folds") { Description = "K-fold cross-fitting instead of one holdout: each learner is trained K times, out-of-fold predictions select the ensemble, prediction averages the fold models." };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Wall-clock budget in seconds; members are trained cheapest first and the run always ends with a model." };
        var ensembleMetric = new Option<string?>("--ensemble-metric") { Description = "Selection loss of the ensemble: error, logloss, auc (classification); rmse, mae (regression). Default: error / rmse." };
        var command = new Command("train", "Train tuned-default models on a CSV file and write a model bundle.") { data, models, output, seed, threads, validFraction, folds, timeLimit, ensembleMetric };
        dataOptions.AddTo(command);
        common.AddTo(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(common.Json);
            var quiet = result.GetValue(common.Quiet) || json;
            var reporter = new ConsoleReporter(console.Error, quiet);
            var threadCount = result.GetValue(threads);
            if (threadCount < 1)
            {
                throw TabmlException.Usage($"--threads must be at least 1, got {threadCount}");
            }

            var options = new TrainOptions
            {
                Models = ResolveModels(result.GetValue(models)),
                Seed = result.GetValue(seed),
                Threads = threadCount,
                ValidFraction = result.GetValue(validFraction),
                Folds = result.GetValue(folds),
                TimeLimit = result.GetValue(timeLimit) is { } seconds ? TimeSpan.FromSeconds(seconds > 0 ? seconds : throw TabmlException.Usage($"--time-limit must be positive, got {seconds}")) : null,
                EnsembleMetric = result.GetValue(ensembleMetric),
            };
            var path = result.GetValue(data)!;
            var training = DatasetReader.ReadForTraining(path, dataOptions.ReadOptions(result), reporter);
            reporter.Info(string.Create(CultureInfo.InvariantCulture, $"{path}: {training.Dataset.RowCount} rows, {training.Dataset.Features.Count} features, target '{training.Schema.Target.Name}' ({training.Schema.Target.Task.ToName()})"));
            var trained = ProgressDisplay.Run(console, quiet, progress => new Trainer(reporter, progress).Train(training, options));
            var outPath = result.GetValue(output)!;
            trained.Bundle.Save(outPath);
            if (json)
            {
                JsonOutput.Write(console.Out, new
                {
                    Model = outPath,
                    Task = training.Schema.Target.Task.ToName(),
                    Target = training.Schema.Target.Name,
                    Rows = training.Dataset.RowCount,
                    Validation = trained.Plan.Method,
                    ValidRows = trained.Plan.ValidatedRows.Length,
                    trained.Metric,
                    trained.Leaderboard,
                    Warnings = reporter.Warnings,
                });
            }
            else
            {
                console.Out.Write(Leaderboard.Format(trained));
                console.Out.WriteLine($"model written to {outPath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> ResolveModels(string[]? requested)
    {
        var names = DataOptions.Split(requested);
        if (names.Length == 0)
        {
            var available = DefaultModels.Where(m => LearnerCatalog.Names.Contains(m)).ToList();
            return available.Count > 0 ? available : throw TabmlException.Usage("no learner is built into this tabml");
        }

        return names.Select(LearnerCatalog.Resolve).Distinct(StringComparer.Ordinal).ToList();
    }
}
