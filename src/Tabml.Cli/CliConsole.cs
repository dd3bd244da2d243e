namespace Tabml.Cli;

/// <summary>The writers a command uses: results on stdout, logs and progress on stderr.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive);
