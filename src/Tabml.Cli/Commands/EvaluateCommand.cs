using System.CommandLine;
using System.Globalization;
using Tabml.Bundles;
using Tabml.Cli.Output;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Metrics;

namespace Tabml.Cli.Commands;

/// <summary>`tabml evaluate MODEL DATA`: test metrics of a model bundle on a labelled CSV file.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model bundle written by tabml train." };
        var data = new Argument<string>("DATA") { Description = "CSV file with the model's input columns and its target column." };
        var member = new Option<string?>("--member") { Description = "Evaluate one member of the bundle only." };
        var threads = new Option<int>("--threads") { Description = "Threads to use.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var na = new Option<string[]>("--na") { Description = "Missing-value tokens, comma-separated (default: those used in training).", Arity = ArgumentArity.OneOrMore };
        var common = new CommonOptions();
        var command = new Command("evaluate", "Evaluate a model bundle on labelled data: accuracy, error, log loss, AUC; or RMSE, MAE, R², nRMSE.") { model, data, member, threads, na };
        common.AddTo(command);
        command.SetAction(result =>
        {
            var json = result.GetValue(common.Json);
            var reporter = new ConsoleReporter(console.Error, result.GetValue(common.Quiet) || json);
            var memberName = result.GetValue(member);
            using var bundle = ModelBundle.Load(result.GetValue(model)!);
            _ = memberName is null ? null : bundle.Select(memberName); // a wrong name is refused before the data is read
            var tokens = result.GetValue(na) is { Length: > 0 } given ? DataOptions.Split(given) : null;
            var labelled = DatasetReader.ReadForEvaluation(result.GetValue(data)!, bundle.Schema, tokens, reporter);
            var predictions = bundle.Predict(labelled.Features, Math.Max(1, result.GetValue(threads)), memberName);
            if (labelled.RowsWithTarget.Length != predictions.RowCount)
            {
                predictions = predictions.Slice(labelled.RowsWithTarget);
            }

            var report = EvaluationReport.Evaluate(labelled.Target, predictions);
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

    private static void Print(TextWriter output, EvaluationReport report)
    {
        output.WriteLine($"{report.Task}, {report.Rows.ToString(CultureInfo.InvariantCulture)} rows");
        var table = new TextTable("metric", "value").AlignRight(1);
        void Add(string name, double? value)
        {
            if (value is { } v)
            {
                table.Add(name, v.ToString("F4", CultureInfo.InvariantCulture));
            }
        }

        Add("accuracy", report.Accuracy);
        Add("error", report.Error);
        Add("log loss", report.LogLoss);
        Add("auc", report.Auc);
        Add("rmse", report.Rmse);
        Add("mae", report.Mae);
        Add("r2", report.R2);
        Add("nrmse", report.Nrmse);
        output.Write(table.ToString());
    }
}
