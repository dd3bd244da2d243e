using Spectre.Console;
using Tabml.Learners;

namespace Tabml.Cli.Output;

/// <summary>
/// Runs work with a progress display on stderr: Spectre.Console bars when the console is interactive,
/// plain lines otherwise, nothing with --quiet.
/// </summary>
internal static class ProgressDisplay
{
    public static T Run<T>(CliConsole console, bool quiet, Func<IProgress<LearnerProgress>?, T> work)
    {
        if (quiet)
        {
            return work(null);
        }

        if (!console.Interactive)
        {
            return work(new PlainProgress(console.Error));
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        var result = default(T)!;
        ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => result = work(new SpectreProgress(context)));
        return result;
    }

    private sealed class SpectreProgress(ProgressContext context) : IProgress<LearnerProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(LearnerProgress value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Learner, out var task))
                {
                    task = context.AddTask(value.Learner, maxValue: Math.Max(1, value.TotalSteps));
                    _tasks[value.Learner] = task;
                }

                task.MaxValue = Math.Max(1, value.TotalSteps);
                task.Value = value.Step;
                task.Description = Markup.Escape(ProgressText.Describe(value));
            }
        }
    }
}
