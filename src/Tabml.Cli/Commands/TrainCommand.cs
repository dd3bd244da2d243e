using System.CommandLine;
using System.Globalization;
using Tabml.Cli.Output;
using Tabml.Data;
using Tabml.Distributed;
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
        var models = new Option<string[]>("--models", "-m") { Description = $"Learners, comma-separated (default: {string.Join(",", DefaultModels)}); known: {ModelNames.Listing(ModelNameKind.Learner)}.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model bundle.", DefaultValueFactory = _ => "model.tabml" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same data, seed and threads give the same model file.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Threads to use (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var validFraction = new Option<double>("--val-fraction") { Description = "Fraction of the training rows held out for early stopping and selection.", DefaultValueFactory = _ => 0.2 };
        var folds = new Option<int?>("--folds") { Description = "K-fold cross-fitting instead of one holdout: each learner is trained K times, out-of-fold predictions select the ensemble, prediction averages the fold models." };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Wall-clock budget in seconds; members are trained cheapest first and the run always ends with a model." };
        var ensembleMetric = new Option<string?>("--ensemble-metric") { Description = "Selection loss of the ensemble: error, logloss, auc (classification); rmse, mae (regression). Default: error / rmse." };
        var machines = new Option<string?>("--machines") { Description = "Data-parallel LightGBM over several processes: HOST:PORT of every rank (LightGBM's network ports), the same list on every rank." };
        var rank = new Option<int?>("--rank") { Description = "This process's index in --machines (0 writes the model by default)." };
        var listenTimeout = new Option<double>("--listen-timeout") { Description = "Seconds to wait for the other ranks; a failure ends every rank within it.", DefaultValueFactory = _ => 120 };
        var coordinationPort = new Option<int?>("--coordination-port") { Description = "Port on rank 0's host where ranks agree on schema and stopping (default: rank 0's port + 1000)." };
        var command = new Command("train", "Train tuned-default models on a CSV file and write a model bundle.") { data, models, output, seed, threads, validFraction, folds, timeLimit, ensembleMetric, machines, rank, listenTimeout, coordinationPort };
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
            if (result.GetValue(machines) is { } machineList)
            {
                var cluster = ClusterOptions.Parse(machineList, result.GetValue(rank) ?? throw TabmlException.Usage("--machines needs --rank"), result.GetValue(listenTimeout), result.GetValue(coordinationPort));
                if (result.GetResult(threads) is null or { Implicit: true } && cluster.RanksOnThisHost > 1)
                {
                    options = options with { Threads = cluster.DefaultThreads(Environment.ProcessorCount) };
                    reporter.Info($"{cluster.RanksOnThisHost} ranks share this host: {options.Threads} thread(s) each (--threads overrides)");
                }

                var outArgument = result.GetResult(output) is { Implicit: false } ? result.GetValue(output) : null;
                return Distributed(console, reporter, quiet, json, path, dataOptions.ReadOptions(result), cluster, options, outArgument);
            }

            var training = DatasetReader.ReadForTraining(path, dataOptions.ReadOptions(result), reporter);
            reporter.Info(string.Create(CultureInfo.InvariantCulture, $"{path}: {training.Dataset.RowCount} rows, {training.Dataset.Features.Count} features, target '{training.Schema.Target.Name}' ({training.Schema.Target.Task.ToName()})"));
            var trained = ProgressDisplay.Run(console, quiet, progress => new Trainer(reporter, progress).Train(training, options));
            using var bundle = trained.Bundle;
            var outPath = result.GetValue(output)!;
            bundle.Save(outPath);
            if (json)
            {
                JsonOutput.Write(console.Out, new
                {
                    Model = outPath,
                    Task = training.Schema.Target.Task.ToName(),
                    Target = training.Schema.Target.Name,
                    Rows = training.Dataset.RowCount,
                    Validation = trained.ValidationMethod,
                    trained.ValidRows,
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

    /// <summary>One rank of data-parallel LightGBM training; rank 0 writes the bundle unless --out is given ({rank} in it is replaced).</summary>
    private static int Distributed(CliConsole console, ConsoleReporter reporter, bool quiet, bool json, string path, TrainingReadOptions read, ClusterOptions cluster, TrainOptions options, string? outArgument)
    {
        if (options.Models.Count != 1 || !options.Models[0].StartsWith("lightgbm", StringComparison.Ordinal))
        {
            throw TabmlException.Usage("distributed training (--machines) supports LightGBM only: use --models lightgbm (or lightgbm-d); the MLP and FastTree are not distributed");
        }

        if (options.Folds is not null || options.TimeLimit is not null)
        {
            throw TabmlException.Usage("--folds and --time-limit are not available with --machines");
        }

        void Abort(string message)
        {
            console.Error.WriteLine($"error: {message}");
            console.Error.Flush();
            Environment.Exit(ExitCodes.BadData);
        }

        var trained = ProgressDisplay.Run(console, quiet, progress => new DistributedTrainer(reporter, progress).Train(path, read, cluster, options, Abort));
        using var bundle = trained.Bundle;
        var outPath = (outArgument ?? (cluster.Rank == 0 ? "model.tabml" : null))?.Replace("{rank}", cluster.Rank.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (outPath is not null)
        {
            bundle.Save(outPath);
        }

        if (json)
        {
            JsonOutput.Write(console.Out, new { Model = outPath, Rank = cluster.Rank, Ranks = cluster.World, trained.Metric, trained.Leaderboard });
        }
        else
        {
            console.Out.Write(Leaderboard.Format(trained));
            console.Out.WriteLine(outPath is null ? $"rank {cluster.Rank}: trained (rank 0 writes the model)" : $"rank {cluster.Rank}: model written to {outPath}");
        }

        return ExitCodes.Ok;
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
