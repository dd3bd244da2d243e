using Tabml.Reporting;

namespace Tabml.Cli.Output;

/// <summary>Prints library messages on stderr; --quiet keeps only warnings.</summary>
public sealed class ConsoleReporter : IReporter
{
    private readonly TextWriter _error;
    private readonly bool _quiet;
    private readonly Lock _gate = new();

    public ConsoleReporter(TextWriter error, bool quiet)
    {
        _error = error;
        _quiet = quiet;
    }

    public List<string> Warnings { get; } = [];

    public void Info(string message)
    {
        if (!_quiet)
        {
            lock (_gate)
            {
                _error.WriteLine(message);
            }
        }
    }

    public void Warning(string message)
    {
        lock (_gate)
        {
            Warnings.Add(message);
            _error.WriteLine($"warning: {message}");
        }
    }
}
