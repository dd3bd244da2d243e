using System.CommandLine;
using System.Text;
using Tabml.Bundles;
using Tabml.Cli.Output;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;

namespace Tabml.Cli.Commands;

/// <summary>`tabml predict MODEL DATA`: one output row per input row, in input order.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model bundle written by tabml train." };
        var data = new Argument<string>("DATA") { Description = "CSV file with the model's input columns (a target column is ignored)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the predictions CSV here instead of stdout." };
        var member = new Option<string?>("--member") { Description = "Predict with one member of the bundle only." };
        var threads = new Option<int>("--threads") { Description = "Threads to use.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var na = new Option<string[]>("--na") { Description = "Missing-value tokens, comma-separated (default: those used in training).", Arity = ArgumentArity.OneOrMore };
        var common = new CommonOptions();
        var command = new Command("predict", "Predict with a model bundle: the label and class probabilities, or the value.") { model, data, output, member, threads, na };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(common.Json);
            var reporter = new ConsoleReporter(console.Error, result.GetValue(common.Quiet) || json);
            var memberName = result.GetValue(member);
            using var bundle = ModelBundle.Load(result.GetValue(model)!);
            _ = memberName is null ? null : bundle.Select(memberName); // a wrong name is refused before the data is read
            var tokens = result.GetValue(na) is { Length: > 0 } given ? DataOptions.Split(given) : null;
            var dataPath = result.GetValue(data)!;
            var features = DatasetReader.ReadForPrediction(dataPath, bundle.Schema, tokens, reporter);
            var predictions = bundle.Predict(features, Math.Max(1, result.GetValue(threads)), memberName);
            var outPath = result.GetValue(output);
            if (outPath is not null)
            {
                using (var file = new StreamWriter(outPath, append: false, new UTF8Encoding(false)))
                {
                    PredictionCsvWriter.Write(file, bundle.Schema.Target, predictions);
                }

                reporter.Info($"{predictions.RowCount} predictions written to {outPath}");
            }

            if (json)
            {
                JsonOutput.Write(console.Out, PredictionJson(bundle, predictions, outPath, reporter.Warnings));
            }
            else if (outPath is null)
            {
                PredictionCsvWriter.Write(console.Out, bundle.Schema.Target, predictions);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static object PredictionJson(ModelBundle bundle, Learners.Predictions predictions, string? outPath, List<string> warnings)
    {
        var target = bundle.Schema.Target;
        if (outPath is not null)
        {
            return new { Rows = predictions.RowCount, Out = outPath, Warnings = warnings };
        }

        if (target.Task == TaskKind.Regression)
        {
            return new { Rows = predictions.RowCount, Predictions = predictions.Values, Warnings = warnings };
        }

        var labels = predictions.ArgMax();
        return new
        {
            Rows = predictions.RowCount,
            Classes = target.ClassLabels,
            Predictions = labels.Select(l => target.ClassLabels[l]).ToArray(),
            Probabilities = Enumerable.Range(0, predictions.RowCount).Select(r => predictions.Row(r).ToArray()).ToArray(),
            Warnings = warnings,
        };
    }
}
