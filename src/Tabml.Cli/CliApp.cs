using System.CommandLine;
using Tabml.Cli.Commands;
using Tabml.Errors;

namespace Tabml.Cli;

/// <summary>The tabml command line: a thin layer over the library, runnable in-process with any writers.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var console = new CliConsole(stdout, stderr, interactive);
        var root = new RootCommand("tabml: tabular AutoML with meta-tuned defaults (RealMLP-TD, LightGBM-TD, FastTree) and their ensemble.")
        {
            TrainCommand.Create(console),
            PredictCommand.Create(console),
            EvaluateCommand.Create(console),
            InfoCommand.Create(console),
            BenchCommand.Create(console),
            SplitCsvCommand.Create(console),
            ExplainCommand.Create(console),
            ExportCommand.Create(console),
        };
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(LearnerFailure.Unwrap(e), stderr);
        }
    }

    /// <summary>One line and the exit code for what ended a command (inside the wrappers of parallel loops): a user error, a cancellation or a bug.</summary>
    private static int Report(Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case TabmlException t:
                stderr.WriteLine($"error: {t.Message}");
                return t.ExitCode;
            case OperationCanceledException:
                stderr.WriteLine("error: cancelled");
                return ExitCodes.Internal;
            default:
                stderr.WriteLine($"internal error: {e.GetType().Name}: {FirstLine(e.Message)} (please report this)");
                return ExitCodes.Internal;
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
