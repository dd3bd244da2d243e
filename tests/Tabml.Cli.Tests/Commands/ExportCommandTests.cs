using System.Text.Json;
using Onnx;

namespace Tabml.Cli.Tests.Commands;

/// <summary>`tabml export`: the file it writes, its --json summary, and its errors.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Export_writes_an_ONNX_model_with_one_input_per_column_and_the_label_and_probabilities_outputs()
    {
        var model = Train("credit_g.csv");
        var onnx = _files.PathOf("credit.onnx");

        var result = CliRunner.Run("export", model, "--onnx", onnx, "--json");

        Assert.Equal(0, result.ExitCode);
        var exported = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        var header = File.ReadLines(_files.Dataset("credit_g.csv")).First().Split(',');
        Assert.Equal(header.Where(c => c != "class"), exported.Graph.Input.Select(i => i.Name));
        Assert.Equal(["label", "probabilities"], exported.Graph.Output.Select(o => o.Name));
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(new FileInfo(onnx).Length, json.RootElement.GetProperty("bytes").GetInt64());
        Assert.Equal(21, json.RootElement.GetProperty("opsets").GetProperty("ai.onnx").GetInt64());
        Assert.Equal(20, json.RootElement.GetProperty("inputs").GetArrayLength());
    }

    [Fact]
    public void Export_of_one_member_names_only_that_member()
    {
        var model = Train("credit_g.csv");
        var onnx = _files.PathOf("member.onnx");

        var result = CliRunner.Run("export", model, "--onnx", onnx, "--member", "lightgbm-td", "-q");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("tabml binary model of 'class': lightgbm-td × 1", ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx)).DocString);
    }

    [Fact]
    public void Export_of_a_member_by_its_alias_exports_the_member_of_the_canonical_name()
    {
        var model = Train("credit_g.csv");
        var onnx = _files.PathOf("alias.onnx");

        var result = CliRunner.Run("export", model, "--onnx", onnx, "--member", "lightgbm", "-q");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("tabml binary model of 'class': lightgbm-td × 1", ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx)).DocString);
    }

    [Fact]
    public void An_unknown_member_exits_1_listing_the_members()
    {
        var model = Train("credit_g.csv");

        var result = CliRunner.Run("export", model, "--onnx", _files.PathOf("x.onnx"), "--member", "nope");

        BadInputTests.AssertOneLineError(result, 1, "--member: unknown name 'nope'; this model's members: lightgbm-td, best, ensemble");
        Assert.False(File.Exists(_files.PathOf("x.onnx")));
    }

    [Fact]
    public void A_file_that_is_not_a_bundle_exits_3()
    {
        var model = _files.Write("fake.tabml", "not a zip");

        var result = CliRunner.Run("export", model, "--onnx", _files.PathOf("x.onnx"));

        BadInputTests.AssertOneLineError(result, 3, $"{model}: not a tabml model bundle (not a zip archive, or truncated)");
    }

    [Fact]
    public void An_unwritable_output_path_exits_1_naming_it()
    {
        var model = Train("credit_g.csv");
        var onnx = Path.Combine(_files.Scratch, "no-such-folder", "x.onnx");

        var result = CliRunner.Run("export", model, "--onnx", onnx);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"--onnx: cannot write '{onnx}'", result.ErrorLine, StringComparison.Ordinal);
    }

    private string Train(string dataset)
    {
        var model = _files.PathOf("model.tabml");
        Assert.Equal(0, CliRunner.Run("train", _files.Dataset(dataset), "--models", "lightgbm", "--out", model, "-q").ExitCode);
        return model;
    }
}
