using System.Text.RegularExpressions;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.LightGbm;
using Tabml.Learners.LightGbm.Native;

namespace Tabml.Core.Tests.Learners.LightGbm;

/// <summary>tabml's evaluation of LightGBM's trees gives exactly LightGBM's own predictions.</summary>
public sealed class LightGbmForestTests
{
    [Theory]
    [InlineData(TaskKind.Binary, LightGbmLearner.TunedName)]
    [InlineData(TaskKind.Multiclass, LightGbmLearner.TunedName)]
    [InlineData(TaskKind.Regression, LightGbmLearner.TunedName)]
    [InlineData(TaskKind.Multiclass, LightGbmLearner.DefaultName)]
    public void Tabml_predicts_exactly_what_lightgbm_predicts(TaskKind task, string learner)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(task, 1200));
        var model = (LightGbmModel)LightGbmLearner.Create(learner, task).Fit(train, valid, new LearnerContext { Seed = 3, Threads = 1 });
        var probe = Probe(valid);

        var ours = model.Predict(probe, threads: 3);
        var theirs = model.PredictNative(probe, threads: 1);

        Assert.True(model.EvaluatesTrees);
        Assert.Equal(theirs.Values, ours.Values);
    }

    [Theory]
    [InlineData("2", "6")]
    [InlineData("2", "10")]
    [InlineData("2", "8")]
    public void Every_missing_value_rule_matches_lightgbm(string from, string to)
    {
        var (train, valid) = SyntheticData.Split(SyntheticData.Make(TaskKind.Regression, 800));
        var model = (LightGbmModel)LightGbmLearner.Create(LightGbmLearner.DefaultName, TaskKind.Regression).Fit(train, valid, new LearnerContext { Seed = 1, Threads = 1 });

        // Numerical splits rewritten to the zero-as-missing (6) or NaN-missing (10 left, 8 right) rules; the
        // tree_sizes line (byte offsets LightGBM's loader would trust) goes, so LightGBM reads the trees in turn.
        var text = Regex.Replace(model.ModelText, "^decision_type=.*$", line => line.Value.Replace(" " + from, " " + to, StringComparison.Ordinal).Replace("=" + from + " ", "=" + to + " ", StringComparison.Ordinal), RegexOptions.Multiline);
        text = Regex.Replace(text, "^tree_sizes=.*\n", string.Empty, RegexOptions.Multiline);
        Assert.NotEqual(model.ModelText, text);
        var forest = LightGbmForest.Parse(text)!;
        using var booster = LightGbmBooster.FromModelText(text, out _);
        var probe = Probe(valid);
        var layout = model.Layout;

        var ours = forest.Predict(layout.ToMatrix(probe), probe.RowCount, layout.Width, threads: 2);
        var theirs = booster.Predict(layout.ToMatrix(probe), probe.RowCount, layout.Width, threads: 1);

        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Texts_it_does_not_read_are_left_to_lightgbm()
    {
        Assert.Null(LightGbmForest.Parse("tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nobjective=poisson\n\nTree=0\nnum_leaves=1\nleaf_value=0.5\n\nend of trees\n"));
        Assert.Null(LightGbmForest.Parse("tree\nversion=v4\nnum_tree_per_iteration=1\nobjective=regression\n\nTree=0\nnum_leaves=2\nleaf_value=1 2\nsplit_feature=0\nthreshold=0.5\ndecision_type=2\nleft_child=-1\nright_child=-2\nis_linear=1\n\nend of trees\n"));

        var oneLeaf = LightGbmForest.Parse("tree\nversion=v4\nnum_tree_per_iteration=1\nobjective=regression\n\nTree=0\nnum_leaves=1\nleaf_value=0.25\n\nTree=1\nnum_leaves=2\nleaf_value=1 2\nsplit_feature=0\nthreshold=0.5\ndecision_type=2\nleft_child=-1\nright_child=-2\nis_linear=0\n\nend of trees\n")!;
        Assert.Equal([1.25, 2.25, 1.25], oneLeaf.Predict([0.5f, 0.75f, float.NaN], 3, 1, 1));
    }

    /// <summary>Validation rows plus rows with NaN everywhere, tiny and signed zeros, and unseen or large category codes.</summary>
    private static Dataset Probe(Dataset valid)
    {
        var rows = valid.RowCount;
        var columns = valid.Features.Select<FeatureColumn, FeatureColumn>(column => column switch
        {
            NumericColumn n => new NumericColumn(n.Name, [.. n.Values, float.NaN, 1e-36f, -0f, 0f, -1e-37f, 1e30f]),
            CategoricalColumn c => new CategoricalColumn(c.Name, [.. c.Codes, 0, 0, c.Categories.Count, 40, 1, 2], c.Categories),
            _ => column,
        }).ToArray();
        return new Dataset(columns, null, rows + 6);
    }
}
