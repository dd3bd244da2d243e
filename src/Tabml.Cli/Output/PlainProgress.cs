using System.Globalization;
using Tabml.Learners;

namespace Tabml.Cli.Output;

/// <summary>Progress as plain lines for logs and pipes: about ten lines per learner.</summary>
internal sealed class PlainProgress : IProgress<LearnerProgress>
{
    private readonly TextWriter _error;
    private readonly Dictionary<string, int> _lastDecile = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public PlainProgress(TextWriter error)
    {
        _error = error;
    }

    public void Report(LearnerProgress value)
    {
        var decile = value.TotalSteps <= 0 ? 10 : (int)(10L * value.Step / value.TotalSteps);
        lock (_gate)
        {
            if (_lastDecile.TryGetValue(value.Learner, out var last) && decile <= last)
            {
                return;
            }

            _lastDecile[value.Learner] = decile;
            _error.WriteLine(ProgressText.Describe(value));
        }
    }
}

/// <summary>The text of one progress step, shared by the plain and the interactive display.</summary>
internal static class ProgressText
{
    public static string Describe(LearnerProgress value)
    {
        var metric = value.Metric is { } name && value.Value is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"  valid {name} {v:G5}")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{value.Learner}: {value.Unit} {value.Step}/{value.TotalSteps}{metric}");
    }
}
