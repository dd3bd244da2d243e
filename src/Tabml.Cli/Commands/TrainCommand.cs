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
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "Training CSV file (.csv or .csv.gz) with a header row." };
        var dataOptions = new DataOptions();
        var common = new CommonOptions();
        var models = new Option<string[]>("--models", "-m") { Description = $"Learners, comma-separated, instead of the preset's (lightgbm-td, fasttree-td, realmlp-td); known: {ModelNames.Listing(ModelNameKind.Learner)}.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model bundle.", DefaultValueFactory = _ => "model.tabml" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same data and seed give the same model file for any thread count.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Threads to use (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var preset = new Option<string>("--preset") { Description = "Training recipe: paper (the paper's Ensemble-TD), default (chosen by benchmark: calibrated members, ensemble selected on log loss for classification), best (8-fold bagging, strongest regardless of time). Flags below override single parts.", DefaultValueFactory = _ => PresetCatalog.Default };
        var metric = new Option<string?>("--metric") { Description = "What to optimise and select on: error, logloss, auc, brier (classification); rmse, mae (regression). Default: error / rmse." };
        var validFraction = new Option<double?>("--val-fraction") { Description = "Fraction of the training rows held out for early stopping and selection (default 0.2)." };
        var folds = new Option<int?>("--folds") { Description = "K-fold bagging instead of one holdout (1 = holdout): each learner is trained K times, out-of-fold predictions select the ensemble, prediction averages the fold models." };
        var calibration = new Option<string?>("--calibration") { Description = "Post-hoc calibration of each classification member: ts-mix (temperature scaling) or none (also no calibration of the blended ensemble, which preset best adds)." };
        var ensembleSize = new Option<int?>("--n-ens") { Description = "RealMLP networks trained together per split and averaged (n_ens)." };
        var refit = new Option<bool?>("--refit") { Description = "Refit each member on all rows with its selected epochs / iterations (--refit false to turn a preset's refit off)." };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Wall-clock budget in seconds; members are trained cheapest first and the run always ends with a model." };
        var ensembleMetric = new Option<string?>("--ensemble-metric") { Description = "Selection loss of the ensemble alone when it should differ from --metric: error, logloss, auc, brier, rmse, mae." };
        var machines = new Option<string?>("--machines") { Description = "Data-parallel LightGBM over several processes: HOST:PORT of every rank (LightGBM's network ports), the same list on every rank." };
        var rank = new Option<int?>("--rank") { Description = "This process's index in --machines (0 writes the model by default)." };
        var listenTimeout = new Option<double>("--listen-timeout") { Description = "Seconds to wait for the other ranks; a failure ends every rank within it.", DefaultValueFactory = _ => 120 };
        var coordinationPort = new Option<int?>("--coordination-port") { Description = "Port on rank 0's host where ranks agree on schema and stopping (default: rank 0's port + 1000)." };
        var command = new Command("train", "Train tuned-default models on a CSV file and write a model bundle.") { data, preset, metric, models, output, seed, threads, validFraction, folds, calibration, ensembleSize, refit, timeLimit, ensembleMetric, machines, rank, listenTimeout, coordinationPort };
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

            var options = ResolveOptions(result, new PresetFlags(preset, metric, models, validFraction, folds, calibration, ensembleSize, refit)) with
            {
                Seed = result.GetValue(seed),
                Threads = threadCount,
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

            using var model = ProgressDisplay.Run(console, quiet, progress => TabmlModel.Train(TabularData.FromCsv(path), dataOptions.ReadOptions(result), options, new TrainMonitor { Reporter = reporter, Progress = progress }));
            var trained = model.Training!;
            var outPath = result.GetValue(output)!;
            model.Save(outPath);
            if (json)
            {
                JsonOutput.Write(console.Out, new
                {
                    Model = outPath,
                    Task = model.Task.ToName(),
                    model.Target,
                    Rows = model.TrainingRows,
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

    /// <summary>The preset's options with every flag the user gave on top (flags win).</summary>
    private static TrainOptions ResolveOptions(ParseResult result, PresetFlags flags)
    {
        var options = TrainOptions.From(PresetCatalog.Get(result.GetValue(flags.Preset)!));
        var names = DataOptions.Split(result.GetValue(flags.Models));
        if (names.Length > 0)
        {
            options = options with { Models = names.Select(LearnerCatalog.Resolve).Distinct(StringComparer.Ordinal).ToList() };
        }

        if (result.GetValue(flags.Folds) is { } k)
        {
            options = k >= 1 ? options with { Folds = k == 1 ? null : k } : throw TabmlException.Usage($"--folds must be at least 1 (1: one holdout), got {k}");

            // A preset's refit is its recipe for a holdout; asked for bagging, the user gets the fold models
            // averaged (as `best` does) unless --refit says otherwise below.
            if (k >= 2)
            {
                options = options with { Refit = false };
            }
        }

        if (result.GetValue(flags.ValidFraction) is { } fraction)
        {
            options = options with { ValidFraction = fraction };
        }

        if (result.GetValue(flags.Calibration) is { } calibration)
        {
            // none switches off the blend's calibration too; ts-mix leaves the preset's choice for the blend.
            options = calibration.Trim().ToLowerInvariant() switch
            {
                "ts-mix" => options with { Calibrate = true },
                "none" => options with { Calibrate = false, CalibrateEnsemble = false },
                _ => throw TabmlException.Usage($"unknown --calibration '{calibration}'; choose from ts-mix, none"),
            };
        }

        if (result.GetValue(flags.EnsembleSize) is { } n)
        {
            options = options with { RealMlpEnsemble = n >= 1 ? n : throw TabmlException.Usage($"--n-ens must be at least 1, got {n}") };
        }

        if (result.GetValue(flags.Refit) is { } refit)
        {
            options = options with { Refit = refit };
        }

        return options with { Metric = result.GetValue(flags.Metric) };
    }

    /// <summary>The options that override parts of a preset.</summary>
    private sealed record PresetFlags(
        Option<string> Preset,
        Option<string?> Metric,
        Option<string[]> Models,
        Option<double?> ValidFraction,
        Option<int?> Folds,
        Option<string?> Calibration,
        Option<int?> EnsembleSize,
        Option<bool?> Refit);
}
