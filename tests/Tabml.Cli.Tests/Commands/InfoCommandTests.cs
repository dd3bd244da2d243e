using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

public sealed class InfoCommandTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Info_shows_every_column_the_rows_and_the_task()
    {
        var result = CliRunner.Run("info", _files.Dataset("credit_g.csv"), "--target", "class");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1000 rows, 21 columns", result.Out);
        Assert.Contains("target: class (binary, 2 classes)", result.Out);
        Assert.Contains("checking_status", result.Out);
        Assert.Contains("categorical", result.Out);
    }

    [Fact]
    public void Info_json_is_machine_readable()
    {
        var result = CliRunner.Run("info", _files.Dataset("auto_mpg.csv"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(398, json.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("regression", json.RootElement.GetProperty("task").GetString());
        var horsepower = json.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "horsepower");
        Assert.Equal(6, horsepower.GetProperty("missing").GetInt32());
    }

    [Fact]
    public void Without_a_target_info_says_it_uses_the_last_column()
    {
        var result = CliRunner.Run("info", _files.Dataset("soybean.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("using the last column 'class' as the target", result.Error);
        Assert.Contains("(multiclass, 19 classes)", result.Out);
    }
}
