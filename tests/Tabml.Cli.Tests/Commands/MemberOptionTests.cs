using System.IO.Compression;
using System.Text.Json;

namespace Tabml.Cli.Tests.Commands;

/// <summary>`predict` and `evaluate --member`: every name of the name table, plus best and ensemble, refused early when wrong.</summary>
public sealed class MemberOptionTests : IClassFixture<MemberOptionTests.TrainedModel>
{
    private readonly TrainedModel _model;

    public MemberOptionTests(TrainedModel model)
    {
        _model = model;
    }

    [Theory]
    [InlineData("lightgbm", "lightgbm-td")]
    [InlineData("LightGBM-TD", "lightgbm-td")]
    [InlineData("fasttree", "fasttree-td")]
    public void An_alias_predicts_exactly_what_the_canonical_name_does(string alias, string canonical)
    {
        var byAlias = CliRunner.Run("predict", _model.Path, _model.Data, "--member", alias);
        var byName = CliRunner.Run("predict", _model.Path, _model.Data, "--member", canonical);

        Assert.Equal(0, byAlias.ExitCode);
        Assert.Equal(byName.Out, byAlias.Out);
    }

    [Fact]
    public void Members_predict_differently_so_the_comparisons_above_can_fail()
    {
        var lightgbm = CliRunner.Run("predict", _model.Path, _model.Data, "--member", "lightgbm-td");
        var fasttree = CliRunner.Run("predict", _model.Path, _model.Data, "--member", "fasttree-td");

        Assert.NotEqual(lightgbm.Out, fasttree.Out);
    }

    [Fact]
    public void Member_ensemble_is_the_bundles_own_prediction()
    {
        var ensemble = CliRunner.Run("predict", _model.Path, _model.Data, "--member", "ensemble");
        var plain = CliRunner.Run("predict", _model.Path, _model.Data);

        Assert.Equal(0, ensemble.ExitCode);
        Assert.Equal(plain.Out, ensemble.Out);
        Assert.Equal(plain.Out, CliRunner.Run("predict", _model.Path, _model.Data, "--member", "ensemble-td").Out);
    }

    [Fact]
    public void Member_best_is_the_member_the_bundle_records_as_best()
    {
        using var zip = ZipFile.OpenRead(_model.Path);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var best = manifest.RootElement.GetProperty("ensemble").GetProperty("best_member").GetString()!;

        var byBest = CliRunner.Run("evaluate", _model.Path, _model.Data, "--member", "best", "--json");
        var byName = CliRunner.Run("evaluate", _model.Path, _model.Data, "--member", best, "--json");

        Assert.Equal(0, byBest.ExitCode);
        Assert.Equal(byName.Out, byBest.Out);
        Assert.Equal(byName.Out, CliRunner.Run("evaluate", _model.Path, _model.Data, "--member", "best-td", "--json").Out);
    }

    [Fact]
    public void An_unknown_member_is_refused_with_the_models_members_before_any_data_is_read()
    {
        var absent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "no-such-data.csv");

        var result = CliRunner.Run("predict", _model.Path, absent, "--member", "xgboost");

        BadInputTests.AssertOneLineError(result, 1, "--member: unknown name 'xgboost'; this model's members: lightgbm-td, fasttree-td, best, ensemble");
    }

    [Fact]
    public void A_known_learner_the_model_does_not_hold_is_refused_naming_the_members()
    {
        var absent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "no-such-data.csv");

        var result = CliRunner.Run("evaluate", _model.Path, absent, "--member", "realmlp");

        BadInputTests.AssertOneLineError(result, 1, "--member: the model has no member 'realmlp'; this model's members: lightgbm-td, fasttree-td, best, ensemble");
    }

    /// <summary>One two-member model for all tests of the class (training is the slow part).</summary>
    public sealed class TrainedModel : IDisposable
    {
        private readonly RepoFiles _files = new();

        public TrainedModel()
        {
            Data = _files.Dataset("credit_g.csv");
            Path = _files.PathOf("m.tabml");
            var train = CliRunner.Run("train", Data, "--models", "lightgbm,fasttree", "--out", Path, "-q");
            if (train.ExitCode != 0)
            {
                throw new InvalidOperationException(train.Error);
            }
        }

        public string Data { get; }

        public string Path { get; }

        public void Dispose() => _files.Dispose();
    }
}
