namespace Tabml.Cli.Tests;

/// <summary>Runs the tabml command line in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Exit code and captured output of one command.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The error line ("error: ...") the command printed, without the prefix.</summary>
    public string ErrorLine
    {
        get
        {
            var line = Error.Split('\n').FirstOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal)) ?? string.Empty;
            return line.Length > 7 ? line[7..].TrimEnd('\r') : line;
        }
    }
}
