namespace Tabml.Cli.Tests.Commands;

/// <summary>The README's "How data is read" shows what `tabml info` really prints for docs/examples/orders.csv.</summary>
public sealed class ReadmeDataExampleTests
{
    private const string Command = "`tabml info docs/examples/orders.csv --target amount`";

    [Fact]
    public void The_readme_info_example_is_the_output_of_the_command()
    {
        var readme = File.ReadAllText(Path.Combine(RepoFiles.Root, "README.md")).ReplaceLineEndings("\n");
        var at = readme.IndexOf(Command, StringComparison.Ordinal);
        Assert.True(at >= 0, "the README names the command");
        var start = readme.IndexOf("```\n", at, StringComparison.Ordinal) + 4;
        var shown = readme[start..readme.IndexOf("```\n", start, StringComparison.Ordinal)];
        var path = Path.Combine(RepoFiles.Root, "docs", "examples", "orders.csv");

        var result = CliRunner.Run("info", path, "--target", "amount");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(shown, result.Out.Replace(path, "docs/examples/orders.csv", StringComparison.Ordinal).ReplaceLineEndings("\n"));
        Assert.Contains("column 'order_id': all 60 values are distinct, an identifier; not used for training (--keep order_id uses it)", result.Error);
    }
}
