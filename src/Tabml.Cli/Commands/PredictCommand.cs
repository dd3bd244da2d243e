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
        var chunk = new Option<int?>("--chunk-rows") { Description = "Rows read and predicted at a time (default: about 4 million values).", Hidden = true };
        var common = new CommonOptions();
        var command = new Command("predict", "Predict with a model bundle: the label and class probabilities, or the value.") { model, data, output, member, threads, na, chunk };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(common.Json);
            var reporter = new ConsoleReporter(console.Error, result.GetValue(common.Quiet) || json);
            var memberName = result.GetValue(member);
            using var bundle = ModelBundle.Load(result.GetValue(model)!);
            _ = memberName is null ? null : bundle.Select(memberName); // a wrong name is refused before the data is read
            var tokens = result.GetValue(na) is { Length: > 0 } given ? DataOptions.Split(given) : null;
            var chunkRows = result.GetValue(chunk) is { } rowsGiven
                ? rowsGiven >= 1 ? rowsGiven : throw TabmlException.Usage("--chunk-rows must be at least 1")
                : PredictionChunks.DefaultRows(bundle.Schema.Features.Count);
            var chunks = PredictionChunks.Read(result.GetValue(data)!, bundle.Schema, chunkRows, tokens, reporter);
            var threadCount = Math.Max(1, result.GetValue(threads));
            var predictions = ReadAhead.Enumerate(chunks).Select(chunk => bundle.Predict(chunk, threadCount, memberName));
            var outPath = result.GetValue(output);
            if (outPath is not null)
            {
                var rows = WriteFile(outPath, bundle.Schema.Target, predictions);
                reporter.Info($"{rows} predictions written to {outPath}");
                if (json)
                {
                    JsonOutput.Write(console.Out, new { Rows = rows, Out = outPath, Warnings = reporter.Warnings });
                }
            }
            else if (json)
            {
                // One JSON document lists every prediction, so it is built in memory.
                JsonOutput.Write(console.Out, PredictionJson(bundle, Concatenate(predictions.ToList()), reporter.Warnings));
            }
            else
            {
                using var writer = new PredictionCsvWriter(console.Out, bundle.Schema.Target);
                foreach (var chunk in predictions)
                {
                    writer.WriteRows(chunk);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Streams the predictions into a file next to <paramref name="path"/> and moves it into place once every
    /// row is written, so a file that fails half way (a bad row in a later chunk) leaves no partial output.
    /// </summary>
    private static long WriteFile(string path, TargetSchema target, IEnumerable<Learners.Predictions> predictions)
    {
        var full = Path.GetFullPath(path);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.partial");
        try
        {
            long rows;
            using (var file = new StreamWriter(partial, append: false, new UTF8Encoding(false), 1 << 16))
            using (var writer = new PredictionCsvWriter(file, target))
            {
                foreach (var chunk in predictions)
                {
                    writer.WriteRows(chunk);
                }

                rows = writer.Rows;
            }

            File.Move(partial, full, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static Learners.Predictions Concatenate(List<Learners.Predictions> chunks)
    {
        if (chunks.Count == 1)
        {
            return chunks[0];
        }

        var values = chunks.SelectMany(c => c.Values).ToArray();
        return new Learners.Predictions(chunks.Sum(c => c.RowCount), chunks[0].OutputCount, values);
    }

    private static object PredictionJson(ModelBundle bundle, Learners.Predictions predictions, List<string> warnings)
    {
        var target = bundle.Schema.Target;
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
