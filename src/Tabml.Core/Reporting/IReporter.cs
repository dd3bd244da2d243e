namespace Tabml.Reporting;

/// <summary>Where the library sends what it tells the user along the way (the CLI prints it on stderr).</summary>
public interface IReporter
{
    void Info(string message);

    void Warning(string message);
}
