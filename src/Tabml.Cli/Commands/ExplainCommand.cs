using System.CommandLine;
using System.Globalization;
using Tabml.Bench.Reports;
using Tabml.Cli.Output;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Explaining;

namespace Tabml.Cli.Commands;

/// <summary>`tabml explain MODEL DATA`: permutation importance of each input column on labelled data.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model bundle written by tabml train." };
        var data = new Argument<string>("DATA") { Description = "CSV file with the model's input columns and its target column." };
        var member = new Option<string?>("--member") { Description = "Explain one member of the bundle instead of the ensemble." };
        var metric = new Option<string?>("--metric") { Description = "error, logloss, auc, brier (classification); rmse, mae (regression). Default: the model's validation metric." };
        var repeats = new Option<int>("--repeats") { Description = "Shuffles per column (at least 2 for an interval).", DefaultValueFactory = _ => 5 };
        var maxRows = new Option<int>("--max-rows") { Description = "Use at most this many labelled rows, a seeded sample (0: all).", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seeds the row sample and the shuffles.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Columns measured side by side (the result does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var plot = new Option<string?>("--plot") { Description = "Write a bar chart to this .png or .svg file." };
        var na = new Option<string[]>("--na") { Description = "Missing-value tokens, comma-separated (default: those used in training).", Arity = ArgumentArity.OneOrMore };
        var common = new CommonOptions();
        var command = new Command("explain", "Permutation importance of each input column on labelled data, with 95% intervals.") { model, data, member, metric, repeats, maxRows, seed, threads, plot, na };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(common.Json);
            var reporter = new ConsoleReporter(console.Error, result.GetValue(common.Quiet) || json);
            var options = new ImportanceOptions
            {
                Member = result.GetValue(member),
                Metric = result.GetValue(metric),
                Repeats = result.GetValue(repeats),
                MaxRows = result.GetValue(maxRows) is > 0 and var max ? max : null,
                Seed = result.GetValue(seed),
                Threads = Math.Max(1, result.GetValue(threads)),
            };
            var tokens = result.GetValue(na) is { Length: > 0 } given ? DataOptions.Split(given) : null;
            using var loaded = TabmlModel.Load(result.GetValue(model)!);
            var report = loaded.Explain(TabularData.FromCsv(result.GetValue(data)!), options, reporter, tokens);
            if (result.GetValue(plot) is { } plotPath)
            {
                ImportancePlot.Write(report, plotPath);
                reporter.Info($"bar chart written to {plotPath}");
            }

            if (json)
            {
                JsonOutput.Write(console.Out, report);
            }
            else
            {
                Print(console.Out, report);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter output, ImportanceReport report)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"permutation importance of {report.Model}: {report.Rows} rows, {report.Repeats} repeats, seed {report.Seed}; {report.Metric} {report.Baseline:F4} before shuffling"));
        var table = new TextTable("column", $"{report.Metric} increase", "sd", "95% interval").AlignRight(1, 2);
        foreach (var c in report.Columns)
        {
            var interval = c.Lower is { } lo && c.Upper is { } hi ? string.Create(CultureInfo.InvariantCulture, $"[{lo:F4}, {hi:F4}]") : string.Empty;
            table.Add(c.Column, c.Importance.ToString("F4", CultureInfo.InvariantCulture), c.StdDev.ToString("F4", CultureInfo.InvariantCulture), interval);
        }

        output.Write(table.ToString());
    }
}
