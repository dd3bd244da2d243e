namespace Tabml.Cli.Tests.Commands;

/// <summary>Bad input: one clear line naming the problem and its place, the right exit code, no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_missing_data_file_exits_2_naming_the_file()
    {
        var path = _files.PathOf("nope.csv");

        var result = CliRunner.Run("info", path);

        AssertOneLineError(result, 2, $"{path}: file not found");
    }

    [Fact]
    public void An_empty_file_exits_2()
    {
        var path = _files.Write("empty.csv", string.Empty);

        var result = CliRunner.Run("info", path);

        AssertOneLineError(result, 2, $"{path}: the file is empty; a header row is required");
    }

    [Fact]
    public void A_file_without_a_header_exits_2()
    {
        var path = _files.Write("noheader.csv", "1,2\n3,4\n");

        var result = CliRunner.Run("info", path);

        AssertOneLineError(result, 2, $"{path}:1: the first row holds only numbers; tabml needs a header row with column names");
    }

    [Fact]
    public void Duplicate_column_names_exit_2()
    {
        var path = _files.Write("dup.csv", "a,a,y\n1,2,x\n");

        var result = CliRunner.Run("info", path);

        AssertOneLineError(result, 2, $"{path}:1: duplicate column names in the header: 'a'");
    }

    [Fact]
    public void A_ragged_row_exits_2_naming_file_and_line()
    {
        var path = _files.Write("ragged.csv", "a,b,y\n1,2,x\n3,4,y\n5,6\n");

        var result = CliRunner.Run("train", path, "--target", "y", "--out", _files.PathOf("m.tabml"));

        AssertOneLineError(result, 2, $"{path}:4: row has 2 fields, but the header has 3");
    }

    [Fact]
    public void An_unknown_target_exits_2_and_lists_the_columns()
    {
        var path = _files.Dataset("credit_g.csv");

        var result = CliRunner.Run("train", path, "--target", "klass", "--out", _files.PathOf("m.tabml"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{path}: no column 'klass' for --target (did you mean 'class'?); columns: checking_status,", result.ErrorLine);
    }

    [Fact]
    public void A_constant_target_exits_2()
    {
        var path = _files.Write("const.csv", "a,y\n1,k\n2,k\n3,k\n");

        var result = CliRunner.Run("train", path, "--out", _files.PathOf("m.tabml"));

        AssertOneLineError(result, 2, $"{path}: column 'y': the target has a single value ('k') in all 3 rows that have one; there is nothing to learn");
    }

    [Fact]
    public void An_infinity_exits_2_naming_column_and_line()
    {
        var path = _files.Write("inf.csv", "a,y\n1,0\n-inf,1\n2,0\n");

        var result = CliRunner.Run("train", path, "--out", _files.PathOf("m.tabml"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{path}:3: column 'a': '-inf' is not a finite number", result.ErrorLine);
    }

    [Fact]
    public void A_garbage_model_file_exits_3()
    {
        var model = _files.Write("bad.tabml", "this is not a model");

        var result = CliRunner.Run("predict", model, _files.Dataset("credit_g.csv"));

        AssertOneLineError(result, 3, $"{model}: not a tabml model bundle (not a zip archive, or truncated)");
    }

    [Fact]
    public void A_missing_model_file_exits_3()
    {
        var model = _files.PathOf("absent.tabml");

        var result = CliRunner.Run("evaluate", model, _files.Dataset("credit_g.csv"));

        AssertOneLineError(result, 3, $"{model}: model file not found");
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var result = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--no-such-option");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void An_unknown_model_name_is_a_usage_error()
    {
        var result = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "xgboost", "--out", _files.PathOf("m.tabml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("unknown model 'xgboost' for --models; names: lightgbm-td (lightgbm), lightgbm-d, fasttree-td (fasttree), fasttree-d, realmlp-td (realmlp), realmlp-td-s (realmlp-s), mlp-d", result.ErrorLine);
    }

    internal static void AssertOneLineError(CliResult result, int exitCode, string message)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(message, result.ErrorLine);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }
}
