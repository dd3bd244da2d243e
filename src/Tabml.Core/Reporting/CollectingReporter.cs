namespace Tabml.Reporting;

/// <summary>Keeps messages in memory (tests, JSON output).</summary>
public sealed class CollectingReporter : IReporter
{
    private readonly List<string> _infos = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Infos => _infos;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Info(string message) => _infos.Add(message);

    public void Warning(string message) => _warnings.Add(message);
}
