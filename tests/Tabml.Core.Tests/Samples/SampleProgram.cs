using System.Diagnostics;

namespace Tabml.Core.Tests.Samples;

/// <summary>Runs a sample program (a project under samples/ that this test project references) as its own process.</summary>
internal static class SampleProgram
{
    public static (int Code, string Out, string Error) Run(string name, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, $"{name}.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {name}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, output.Result, error.Result + "\n(killed: timed out)");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The first ```csharp block after <paramref name="heading"/> in a Markdown file, with LF line ends.</summary>
    public static string CodeBlock(string markdownPath, string heading)
    {
        var text = File.ReadAllText(markdownPath).ReplaceLineEndings("\n");
        var section = text.IndexOf($"\n{heading}\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"{markdownPath} has no heading '{heading}'");
        var start = text.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = text.IndexOf("\n```", start, StringComparison.Ordinal);
        return text[start..end] + "\n";
    }

    public static string Source(string name) =>
        File.ReadAllText(Path.Combine(TestData.RepoPaths.Root, "samples", name, "Program.cs")).ReplaceLineEndings("\n");
}
