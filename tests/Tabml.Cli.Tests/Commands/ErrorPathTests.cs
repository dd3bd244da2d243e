using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

/// <summary>Exit codes of problems found deep inside a command: in parallel member fits and in the benchmark's parallel runs.</summary>
public sealed class ErrorPathTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_learner_refusing_a_fold_of_the_parallel_fits_exits_2_naming_the_member()
    {
        var rows = Enumerable.Range(0, 40).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i * 0.1:F1},{i % 7},a")).Append("0.5,3,b");
        var path = _files.Write("single.csv", "x,z,y\n" + string.Join('\n', rows) + "\n");

        var result = CliRunner.Run("train", path, "--models", "lightgbm,fasttree", "--folds", "2", "--threads", "2", "--out", _files.PathOf("m.tabml"));

        BadInputTests.AssertOneLineError(result, 2, "lightgbm-td: the training rows of 'y' hold a single class; a classifier needs at least 2 classes");
    }

    [Fact]
    public void A_bad_dataset_inside_the_benchmarks_parallel_runs_exits_2_naming_file_and_line()
    {
        var data = _files.Write("ragged.csv", "a,b,y\n1,2,x\n3,4,y\n5,6\n");
        var suite = _files.Write("suite.json", JsonSerializer.Serialize(new[] { new { name = "ragged", file = "ragged.csv", target = "y", task = "binary" } }));

        var result = CliRunner.Run("bench", "--suite", suite, "--methods", "lightgbm-d", "--out", _files.PathOf("out"), "--jobs", "2", "--quiet");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{data}:4: row has 2 fields, but the header has 3", result.ErrorLine);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_bad_datasets_in_parallel_runs_report_the_first_of_the_suite_whichever_fails_first()
    {
        // The first file's bad row is its last of 200,000, so the second (bad at once) fails first.
        var slow = _files.Write("slow.csv", "a,b,y\n" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i},{i % 7},{(i % 2 == 0 ? "x" : "y")}\n")) + "5,6\n");
        _files.Write("fast.csv", "a,b,y\n1,2\n");
        var suite = _files.Write("suite.json", JsonSerializer.Serialize(new[]
        {
            new { name = "slow", file = "slow.csv", target = "y", task = "binary" },
            new { name = "fast", file = "fast.csv", target = "y", task = "binary" },
        }));

        var result = CliRunner.Run("bench", "--suite", suite, "--methods", "lightgbm-d", "--splits", "1", "--out", _files.PathOf("out"), "--jobs", "2", "--quiet");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{slow}:200002: row has 2 fields, but the header has 3", result.ErrorLine);
    }
}
