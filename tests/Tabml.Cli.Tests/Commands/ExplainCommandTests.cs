using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Explain_prints_every_input_column_sorted_by_importance_and_writes_png_and_svg_charts()
    {
        var data = _files.Dataset("credit_g.csv");
        var model = _files.PathOf("credit.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--target", "class", "--models", "lightgbm-d", "--threads", "1", "--out", model, "-q").ExitCode);

        var text = CliRunner.Run("explain", model, data, "--repeats", "3", "--plot", _files.PathOf("imp.png"));
        var json = CliRunner.Run("explain", model, data, "--repeats", "3", "--json", "--plot", _files.PathOf("imp.svg"));

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("permutation importance of ensemble: 1000 rows, 3 repeats, seed 0; error ", text.Out);
        Assert.Contains("column", text.Out);
        Assert.Contains("95% interval", text.Out);
        Assert.Equal(0, json.ExitCode);
        using var report = JsonDocument.Parse(json.Out);
        var columns = report.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(20, columns.Length);
        var importances = columns.Select(c => c.GetProperty("importance").GetDouble()).ToArray();
        Assert.Equal(importances.OrderDescending(), importances);
        Assert.Equal(columns[0].GetProperty("column").GetString(), text.Out.Split('\n')[3].Split(' ')[0]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(_files.PathOf("imp.png"))[..4]);
        Assert.Contains("<svg", File.ReadAllText(_files.PathOf("imp.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_refuses_a_chart_file_that_is_neither_png_nor_svg_and_an_unknown_member()
    {
        var data = _files.Dataset("auto_mpg.csv");
        var model = _files.PathOf("mpg.tabml");
        Assert.Equal(0, CliRunner.Run("train", data, "--models", "lightgbm-d", "--threads", "1", "--out", model, "-q").ExitCode);

        var chart = CliRunner.Run("explain", model, data, "--plot", _files.PathOf("imp.jpg"));
        var member = CliRunner.Run("explain", model, data, "--member", "realmlp-td");

        Assert.Equal(1, chart.ExitCode);
        Assert.Equal($"--plot {_files.PathOf("imp.jpg")}: give a .png or .svg file", chart.ErrorLine);
        Assert.Equal(1, member.ExitCode);
        Assert.StartsWith("--member: the model has no member 'realmlp-td'", member.ErrorLine);
    }
}
