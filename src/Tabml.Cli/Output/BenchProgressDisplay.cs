using System.Globalization;
using Spectre.Console;
using Tabml.Bench.Running;

namespace Tabml.Cli.Output;

/// <summary>A progress bar over all benchmark runs with an ETA; plain lines when not interactive.</summary>
internal static class BenchProgressDisplay
{
    public static T Run<T>(CliConsole console, bool quiet, Func<IProgress<BenchProgress>?, T> work)
    {
        if (quiet)
        {
            return work(null);
        }

        if (!console.Interactive)
        {
            var gate = new Lock();
            return work(new Progress(p =>
            {
                lock (gate)
                {
                    console.Error.WriteLine(Describe(p));
                }
            }));
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        var result = default(T)!;
        ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("benchmark", maxValue: 1);
                var gate = new Lock();
                result = work(new Progress(p =>
                {
                    lock (gate)
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape(p.Current);
                    }
                }));
            });
        return result;
    }

    private static string Describe(BenchProgress p)
    {
        var eta = p.Eta is { } e ? $", about {e.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture)} min left" : string.Empty;
        return $"[{p.Done.ToString(CultureInfo.InvariantCulture)}/{p.Total.ToString(CultureInfo.InvariantCulture)}] {p.Current}{eta}";
    }

    private sealed class Progress(Action<BenchProgress> report) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => report(value);
    }
}
