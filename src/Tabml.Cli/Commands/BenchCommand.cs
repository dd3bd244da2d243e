using System.CommandLine;
using Tabml.Bench.Loading;
using Tabml.Errors;

namespace Tabml.Cli.Commands;

/// <summary>`tabml bench ...`: benchmarks that print figures (never timed tests).</summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Benchmarks: CSV loading and more.");
        command.Subcommands.Add(CsvLoad(console));
        command.Subcommands.Add(Kernels(console));
        command.Subcommands.Add(RealMlp(console));
        return command;
    }

    private static Command RealMlp(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "CSV file to train on." };
        var target = new Option<string>("--target") { Description = "Target column.", Required = true };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: inferred)." };
        var full = new Option<bool>("--full") { Description = "Also run the complete 256-epoch fit and report its time and test metric." };
        var command = new Command("realmlp", "RealMLP-TD speed: a profile of one epoch, % of FMA peak, seconds per 1000 training rows.") { data, target, task, full };
        command.SetAction(result =>
        {
            var taskName = result.GetValue(task);
            Tabml.Bench.RealMlp.RealMlpProfile.Run(console.Out, result.GetValue(data)!, result.GetValue(target)!, taskName is null ? null : Tabml.Data.TaskKindExtensions.Parse(taskName), result.GetValue(full));
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
}
