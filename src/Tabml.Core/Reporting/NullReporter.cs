namespace Tabml.Reporting;

/// <summary>Discards messages.</summary>
public sealed class NullReporter : IReporter
{
    public static NullReporter Instance { get; } = new();

    public void Info(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
