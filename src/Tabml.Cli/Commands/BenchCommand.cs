using System.CommandLine;
using System.Globalization;
using Tabml.Bench.Configuration;
using Tabml.Bench.Loading;
using Tabml.Bench.Methods;
using Tabml.Bench.Reports;
using Tabml.Bench.Running;
using Tabml.Bench.Splits;
using Tabml.Bench.Suites;
using Tabml.Cli.Output;
using Tabml.Errors;
using Tabml.Learners;

namespace Tabml.Cli.Commands;

/// <summary>
/// `tabml bench`: dataset suites, tuned baselines and paper-style reports; `--baseline` turns a run into
/// the CI regression check of default scores. Subcommands: merge, csv, kernels, realmlp, predict.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "Benchmark configuration (configs/bench/*.json)." };
        var suite = new Option<string?>("--suite") { Description = "Suite file (JSON list of name, file, target, task); overrides the config's." };
        var dataRoot = new Option<string?>("--data-root") { Description = "Folder of the suite's CSV files (default: the suite file's folder)." };
        var datasets = new Option<string[]>("--datasets") { Description = "Dataset names to run (default: the config's, else all).", Arity = ArgumentArity.OneOrMore };
        var methods = new Option<string[]>("--methods") { Description = $"Methods, comma-separated: {ModelNames.Listing()}; presets paper, default, best with levers (paper+calibrate, paper+bag8, paper+ens4, paper+refit); learner variants (realmlp-td.bag8.ens4).", Arity = ArgumentArity.OneOrMore };
        var splits = new Option<int?>("--splits") { Description = "Random splits per dataset (test 20%, validation 25% of the rest)." };
        var splitFile = new Option<string?>("--split-file") { Description = "JSON splits (train/valid/test row indices) to use instead of random ones (one dataset)." };
        var output = new Option<string?>("--out") { Description = "Output folder (results.jsonl, summary.md, summary.csv, plots)." };
        var jobs = new Option<int?>("--jobs") { Description = "Dataset splits run side by side; the threads are divided among them." };
        var threads = new Option<int>("--threads") { Description = "Threads in all.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "i/n: run the i-th of n deterministic slices (merge them with `tabml bench merge`)." };
        var trials = new Option<int?>("--hpo-trials") { Description = "Random-search configurations of the -hpo methods (default 50)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the splits and the learners." };
        var metric = new Option<string?>("--metric") { Description = "What every method selects on: error, logloss, auc, brier (classification datasets); rmse, mae (regression datasets). Default: error / rmse." };
        var reference = new Option<string?>("--reference") { Description = "Method to compare with (wins/ties/losses, relative plot)." };
        var baseline = new Option<string?>("--baseline") { Description = "Expected scores with tolerances; exit 4 when a score got worse." };
        var update = new Option<bool>("--update-baseline") { Description = "Rewrite the --baseline file from this run." };
        var common = new CommonOptions();
        var command = new Command("bench", "Benchmark methods over dataset suites; reports, plots and the CI regression check.")
        {
            config, suite, dataRoot, datasets, methods, splits, splitFile, output, jobs, threads, shard, trials, seed, metric, reference, baseline, update,
        };
        common.AddTo(command);
        command.Subcommands.Add(Merge(console));
        command.Subcommands.Add(CsvLoad(console));
        command.Subcommands.Add(Kernels(console));
        command.Subcommands.Add(RealMlp(console));
        command.Subcommands.Add(Predict(console));
        command.SetAction(result =>
        {
            var file = result.GetValue(config) is { } c ? BenchConfig.Load(c) : new BenchConfig();
            var suitePath = result.GetValue(suite) ?? file.Resolve(file.Suite) ?? throw TabmlException.Usage("no suite: give --suite or a --config with \"suite\"");
            var loaded = Suite.Load(suitePath, result.GetValue(dataRoot) ?? file.Resolve(file.DataRoot));
            var names = DataOptions.Split(result.GetValue(datasets));
            var methodNames = DataOptions.Split(result.GetValue(methods)) is { Length: > 0 } given ? given : file.Methods.ToArray();
            if (methodNames.Length == 0)
            {
                throw TabmlException.Usage("no methods: give --methods or a --config with \"methods\"");
            }

            methodNames = methodNames.Select(n => MethodCatalog.Get(n).Name).Distinct(StringComparer.Ordinal).ToArray();

            var outDir = result.GetValue(output) ?? file.Resolve(file.Out) ?? "bench-out";
            var options = new BenchOptions
            {
                Suite = loaded,
                Datasets = loaded.Select(names.Length > 0 ? names : file.Datasets.ToArray()),
                Methods = methodNames,
                OutputDirectory = outDir,
                Splits = result.GetValue(splits) ?? file.Splits,
                GivenSplits = result.GetValue(splitFile) is { } sf ? SplitFile.Read(sf) : null,
                Seed = result.GetValue(seed) ?? file.Seed,
                HpoTrials = result.GetValue(trials) ?? file.HpoTrials,
                Metric = (result.GetValue(metric) ?? file.Metric) is { } chosen ? Tabml.Metrics.MetricCatalog.Find(chosen).Name : null,
                Jobs = Math.Max(1, result.GetValue(jobs) ?? file.Jobs),
                Threads = Math.Max(1, result.GetValue(threads)),
                Shard = ParseShard(result.GetValue(shard)),
            };
            if (options.GivenSplits is not null && options.Datasets.Count != 1)
            {
                throw TabmlException.Usage("--split-file applies to one dataset: add --datasets NAME");
            }

            var quiet = result.GetValue(common.Quiet) || result.GetValue(common.Json);
            var reporter = new ConsoleReporter(console.Error, quiet);
            var rows = BenchProgressDisplay.Run(console, quiet, progress => new BenchRunner(reporter, progress).Run(options));
            var referenceMethod = result.GetValue(reference) ?? file.Reference;
            var summaries = BenchReport.Write(outDir, rows, referenceMethod);
            if (result.GetValue(common.Json))
            {
                JsonOutput.Write(console.Out, new { Output = outDir, Summaries = summaries });
            }
            else
            {
                console.Out.Write(SummaryWriter.Markdown(rows, summaries, referenceMethod));
                console.Out.WriteLine($"results in {outDir}");
            }

            return CheckBaseline(console, result.GetValue(baseline), result.GetValue(update), rows);
        });
        return command;
    }

    private static int CheckBaseline(CliConsole console, string? path, bool update, IReadOnlyList<Tabml.Bench.Results.ResultRow> rows)
    {
        if (path is null)
        {
            return update ? throw TabmlException.Usage("--update-baseline needs --baseline FILE") : ExitCodes.Ok;
        }

        if (update)
        {
            BaselineCheck.Write(path, BaselineCheck.FromResults(rows, "Expected test scores (classification error / nRMSE, and classification log loss where metric is log_loss; means over splits) of the CI benchmark; a run fails when a value exceeds score + tolerance. Rewrite with `tabml bench --config configs/bench/ci.json --baseline configs/bench/ci.baseline.json --update-baseline`."));
            console.Error.WriteLine($"baseline written to {path}");
            return ExitCodes.Ok;
        }

        var regressions = BaselineCheck.Compare(BaselineCheck.Read(path), rows);
        if (regressions.Count == 0)
        {
            console.Error.WriteLine($"baseline check passed: no score worse than {path} allows");
            return ExitCodes.Ok;
        }

        console.Out.WriteLine($"{regressions.Count} default score(s) got worse than {path} allows:");
        console.Out.Write(BaselineCheck.Format(regressions));
        return ExitCodes.BenchmarkRegression;
    }

    private static (int, int) ParseShard(string? text)
    {
        if (text is null)
        {
            return (1, 1);
        }

        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && i >= 1 && i <= n)
        {
            return (i, n);
        }

        throw TabmlException.Usage($"--shard must look like i/n with 1 ≤ i ≤ n, got '{text}'");
    }

    private static Command Merge(CliConsole console)
    {
        var folders = new Argument<string[]>("DIR") { Description = "Shard output folders.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged output folder.", DefaultValueFactory = _ => "bench-out/merged" };
        var reference = new Option<string?>("--reference") { Description = "Method to compare with." };
        var command = new Command("merge", "Combine the results of shard runs and write the summary and plots.") { folders, output, reference };
        command.SetAction(result =>
        {
            var outDir = result.GetValue(output)!;
            var rows = BenchReport.Merge(result.GetValue(folders)!, outDir);
            var summaries = BenchReport.Write(outDir, rows, result.GetValue(reference));
            console.Out.Write(SummaryWriter.Markdown(rows, summaries, result.GetValue(reference)));
            console.Out.WriteLine($"merged {rows.Count} rows into {outDir}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CsvLoad(CliConsole console)
    {
        var file = new Option<string>("--file") { Description = "CSV to load; generated when absent.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "tabml-bench-1m-x-50.csv") };
        var rows = new Option<int>("--rows") { Description = "Rows of the generated file.", DefaultValueFactory = _ => 1_000_000 };
        var columns = new Option<int>("--columns") { Description = "Numeric columns of the generated file.", DefaultValueFactory = _ => 50 };
        var repetitions = new Option<int>("--repetitions") { Description = "Loads to time (the median is reported).", DefaultValueFactory = _ => 1 };
        var command = new Command("csv", "Load a large numeric CSV as train does; print throughput and peak working set (run in a fresh process).") { file, rows, columns, repetitions };
        command.SetAction(result =>
        {
            CsvLoadBenchmark.Run(console.Out, result.GetValue(file)!, result.GetValue(rows), result.GetValue(columns), Math.Max(1, result.GetValue(repetitions)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Kernels(CliConsole console)
    {
        var repetitions = new Option<int>("--repetitions") { Description = "Timings per shape (the median is reported).", DefaultValueFactory = _ => 7 };
        var command = new Command("kernels", "GEMM GFLOP/s for RealMLP's shapes next to the FMA peak measured in the same run.") { repetitions };
        command.SetAction(result =>
        {
            Tabml.Bench.Kernels.GemmBenchmark.Run(console.Out, Tabml.Numerics.Simd.SimdSupport.Active, Math.Max(1, result.GetValue(repetitions)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Predict(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model bundle written by tabml train." };
        var data = new Argument<string>("DATA") { Description = "CSV file to predict." };
        var threads = new Option<int>("--threads") { Description = "Threads to use.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed passes per part (the median is reported).", DefaultValueFactory = _ => 5 };
        var command = new Command("predict", "Prediction rows per second of each member, the ensemble and the whole predict path.") { model, data, threads, repetitions };
        command.SetAction(result =>
        {
            Tabml.Bench.Prediction.PredictBenchmark.Run(console.Out, result.GetValue(model)!, result.GetValue(data)!, Math.Max(1, result.GetValue(threads)), Math.Max(1, result.GetValue(repetitions)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RealMlp(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "CSV file to train on." };
        var target = new Option<string>("--target") { Description = "Target column.", Required = true };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: inferred)." };
        var full = new Option<bool>("--full") { Description = "Also run the complete 256-epoch fit and report its time and test metric." };
        var threads = new Option<int>("--threads") { Description = "Threads of the fit (the results do not depend on it).", DefaultValueFactory = _ => 1 };
        var ensemble = new Option<int>("--n-ens") { Description = "Networks per split (packed ensemble).", DefaultValueFactory = _ => 1 };
        var command = new Command("realmlp", "RealMLP-TD speed: a profile of one epoch, % of FMA peak, seconds per 1000 training rows.") { data, target, task, full, threads, ensemble };
        command.SetAction(result =>
        {
            var taskName = result.GetValue(task);
            Tabml.Bench.RealMlp.RealMlpProfile.Run(console.Out, result.GetValue(data)!, result.GetValue(target)!, taskName is null ? null : Tabml.Data.TaskKindExtensions.Parse(taskName), result.GetValue(full), result.GetValue(threads), result.GetValue(ensemble));
            return ExitCodes.Ok;
        });
        return command;
    }
}
