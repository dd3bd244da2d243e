namespace Tabml.Reporting;

/// <summary>Where the library sends what it tells the user along the way (the CLI prints it on stderr).</summary>
public interface IReporter
{
    /// <summary>Something the user may want to know (what was inferred, what is being trained).</summary>
    void Info(string message);

    /// <summary>Something the user may want to act on (rows dropped, values treated as missing).</summary>
    void Warning(string message);
}
