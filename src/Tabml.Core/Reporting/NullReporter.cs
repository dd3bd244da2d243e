namespace Tabml.Reporting;

/// <summary>Discards messages.</summary>
public sealed class NullReporter : IReporter
{
    /// <summary>The one instance.</summary>
    public static NullReporter Instance { get; } = new();

    /// <inheritdoc/>
    public void Info(string message)
    {
    }

    /// <inheritdoc/>
    public void Warning(string message)
    {
    }
}
