namespace Tabml.Cli.Tests.Commands;

/// <summary>One name table for every command: aliases work everywhere, wrong names are refused before data is read.</summary>
public sealed class ModelNameTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Train_accepts_aliases_and_reports_canonical_names()
    {
        var result = CliRunner.Run("train", _files.Dataset("auto_mpg.csv"), "--models", "LightGBM,lightgbm-td,fasttree-d", "--out", _files.PathOf("m.tabml"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Single(lines, l => l.StartsWith("lightgbm-td ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("fasttree-d ", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_refuses_a_combination_as_a_learner_before_reading_data()
    {
        var result = CliRunner.Run("train", _files.PathOf("absent.csv"), "--models", "ensemble");

        BadInputTests.AssertOneLineError(result, 1, "'ensemble' (ensemble-td) cannot be used with --models; names: lightgbm-td (lightgbm), lightgbm-d, fasttree-td (fasttree), fasttree-d, realmlp-td (realmlp), realmlp-td-s (realmlp-s), mlp-d");
    }

    [Fact]
    public void The_models_help_lists_every_learner_with_its_aliases()
    {
        var help = CliRunner.Run("train", "--help");

        Assert.Contains("realmlp-td-s (realmlp-s)", help.Out, StringComparison.Ordinal);
        Assert.Contains("mlp-d", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_refuses_an_unknown_method_listing_every_name_before_reading_data()
    {
        var suite = _files.Write("suite.json", "[{\"name\": \"x\", \"file\": \"absent.csv\", \"target\": \"y\", \"task\": \"binary\"}]");

        var result = CliRunner.Run("bench", "--suite", suite, "--methods", "catboost", "--out", _files.PathOf("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("unknown model 'catboost' for --methods; names: lightgbm-td (lightgbm), ", result.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("lightgbm-hpo", result.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("best-hpo", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_runs_an_alias_under_its_canonical_name()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var suite = _files.Write("suite.json", "[{\"name\": \"mpg\", \"file\": \"" + Path.GetFileName(data) + "\", \"target\": \"class\", \"task\": \"regression\"}]");

        var result = CliRunner.Run("bench", "--suite", suite, "--methods", "LIGHTGBM", "--out", _files.PathOf("out"), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"method\": \"lightgbm-td\"", result.Out, StringComparison.Ordinal);
    }
}
