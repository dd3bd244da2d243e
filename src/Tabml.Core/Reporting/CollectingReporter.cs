namespace Tabml.Reporting;

/// <summary>Keeps messages in memory (tests, JSON output).</summary>
public sealed class CollectingReporter : IReporter
{
    private readonly List<string> _infos = [];
    private readonly List<string> _warnings = [];

    /// <summary>The information messages, in order.</summary>
    public IReadOnlyList<string> Infos => _infos;

    /// <summary>The warnings, in order.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc/>
    public void Info(string message) => _infos.Add(message);

    /// <inheritdoc/>
    public void Warning(string message) => _warnings.Add(message);
}
