using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

/// <summary>`tabml info MODEL`: what a bundle holds and how it was trained.</summary>
public sealed class InfoModelTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Info_on_a_bundle_shows_members_weights_scores_best_member_schema_and_instruction_set()
    {
        var model = Trained();

        var result = CliRunner.Run("info", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{model}: tabml ", result.Out, StringComparison.Ordinal);
        Assert.Contains("binary on 'class' (bad, good)", result.Out, StringComparison.Ordinal);
        Assert.Contains("instruction set ", result.Out, StringComparison.Ordinal);
        Assert.Contains("trained with: preset default, seed ", result.Out, StringComparison.Ordinal);
        Assert.Contains(", the members with weight refitted on all rows, ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" thread(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains("members selected on error", result.Out, StringComparison.Ordinal);
        Assert.Contains("ensemble: caruana on logloss", result.Out, StringComparison.Ordinal);
        Assert.Contains("best member ", result.Out, StringComparison.Ordinal);
        Assert.Contains("valid error", result.Out, StringComparison.Ordinal);
        // The default preset calibrates each classification member: the format shows the inner model and ts-mix.
        Assert.Matches(@"lightgbm-td\s+lightgbm-td\s+lightgbm\+ts-mix\s+\d\.\d{4}", result.Out);
        Assert.Contains("checking_status         categorical           4", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_json_on_a_bundle_is_machine_readable()
    {
        var model = Trained();

        var result = CliRunner.Run("info", model, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(Tabml.Numerics.Simd.SimdSupport.Active.ToString().ToLowerInvariant(), root.GetProperty("instruction_set").GetString());
        Assert.Equal(20, root.GetProperty("features").GetArrayLength());
        var members = root.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal(["lightgbm-td", "fasttree-td"], members.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(1.0, members.Sum(m => m.GetProperty("weight").GetDouble()), 12);
        Assert.True(members[0].GetProperty("validation").GetProperty("error").GetDouble() > 0);
        Assert.Contains(root.GetProperty("best_member").GetString(), members.Select(m => m.GetProperty("name").GetString()));
    }

    [Fact]
    public void Info_recognises_a_bundle_by_its_content_whatever_its_name()
    {
        var model = Trained();
        var renamed = _files.PathOf("model.bin");
        File.Copy(model, renamed);

        var result = CliRunner.Run("info", renamed, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"members\"", result.Out, StringComparison.Ordinal);
    }

    private string Trained()
    {
        var model = _files.PathOf("m.tabml");
        Assert.Equal(0, CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm,fasttree", "--out", model, "-q").ExitCode);
        return model;
    }
}
