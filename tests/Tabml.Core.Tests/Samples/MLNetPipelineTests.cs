using System.Globalization;
using System.Text.RegularExpressions;
using Tabml.Core.Tests.TestData;

namespace Tabml.Core.Tests.Samples;

/// <summary>docs/mlnet.md shows samples/MLNetPipeline/Program.cs, and it runs.</summary>
public sealed partial class MLNetPipelineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_mlnet_docs_show_exactly_the_sample_program()
    {
        var shown = SampleProgram.CodeBlock(Path.Combine(RepoPaths.Root, "docs", "mlnet.md"), "## Example");

        Assert.Equal(SampleProgram.Source("MLNetPipeline"), shown);
    }

    [Fact]
    public void The_pipeline_trains_evaluates_predicts_and_predicts_the_same_after_saving_and_reloading()
    {
        // The program's own code path on the first 2500 rows of phoneme.
        var csv = _dir.File("phoneme.csv", string.Join('\n', File.ReadLines(RepoPaths.Dataset("phoneme.csv")).Take(2501)) + "\n");

        var (code, output, error) = SampleProgram.Run("MLNetPipeline", TimeSpan.FromMinutes(10), csv, _dir.Path);

        Assert.True(code == 0, $"exit {code}: {error}");
        var lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var metrics = Metrics().Match(lines[0]);
        Assert.True(metrics.Success, lines[0]);
        Assert.InRange(double.Parse(metrics.Groups["accuracy"].Value, CultureInfo.InvariantCulture), 0.75, 1.0);
        Assert.Matches(@"^class 1: (True|False) \(probability [01]\.\d{3}\)$", lines[1]);
        Assert.Equal(lines[1]["class 1: ".Length..], lines[2]["reloaded: ".Length..]);
        Assert.True(File.Exists(_dir.Combine("prepare.zip")) && File.Exists(_dir.Combine("model.tabml")));
    }

    [GeneratedRegex(@"^test accuracy (?<accuracy>0\.\d{4}), AUC 0\.\d{4}$")]
    private static partial Regex Metrics();
}
