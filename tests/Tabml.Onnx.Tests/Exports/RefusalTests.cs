using Tabml.Bundles;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Onnx.LightGbm;
using Tabml.Onnx.Trees;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>What cannot be exported is refused with one line naming it; nothing is exported wrong.</summary>
public sealed class RefusalTests
{
    [Fact]
    public void A_member_of_a_format_without_a_builder_is_refused_with_its_name_and_format()
    {
        var bundle = Bundle(["x"], new UnknownModel());

        var error = Assert.Throws<TabmlException>(() => OnnxExporter.Export(bundle));

        Assert.Equal("member 'mystery': model format 'mystery-format' (mystery-learner) cannot be exported to ONNX", error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void An_input_column_named_like_an_output_is_refused()
    {
        var error = Assert.Throws<TabmlException>(() => OnnxExporter.Export(Bundle(["label"], new UnknownModel())));

        Assert.StartsWith("the input column 'label' has the name of an ONNX output", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_is_refused_with_the_members_listed()
    {
        var error = Assert.Throws<TabmlException>(() => OnnxExporter.Export(Bundle(["x"], new UnknownModel()), "nope"));

        Assert.Equal("--member: unknown name 'nope'; this model's members: mystery, best, ensemble", error.Message);
    }

    [Fact]
    public void LightGBM_zero_as_missing_splits_are_refused()
    {
        // decision_type 4 = numeric, default right, missing type Zero.
        var tree = Tree(("decision_type", "4"));

        var error = Assert.Throws<TabmlException>(() => LightGbmTrees.Read(tree, 0));

        Assert.Contains("missing type Zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LightGBM_linear_trees_are_refused()
    {
        var error = Assert.Throws<TabmlException>(() => LightGbmTrees.Read(Tree(("is_linear", "1")), 0));

        Assert.Contains("linear trees", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "0.25", true)]    // missing type None: NaN is read as 0, and 0 ≤ 0.25
    [InlineData("0", "-0.5", false)]   // ... and 0 > −0.5
    [InlineData("8", "0.25", false)]   // missing type NaN, default right
    [InlineData("10", "-0.5", true)]   // missing type NaN, default left
    public void A_LightGBM_tree_reads_its_splits_children_and_missing_routing(string decisionType, string threshold, bool missingLeft)
    {
        var tree = LightGbmTrees.Read(Tree(("decision_type", decisionType), ("threshold", threshold)), 3);

        Assert.Equal(3, tree.Target);
        var split = Assert.Single(tree.Splits);
        Assert.Equal((1, double.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture), missingLeft), (split.Feature, split.Threshold, split.MissingGoesLeft));
        Assert.Equal([-1.5, 2.5], tree.Leaves);
        Assert.Equal(TreeChild.Leaf(0), split.Left);
        Assert.Equal(TreeChild.Leaf(1), split.Right);
    }

    /// <summary>One split on feature 1 at 0.25 between two leaves; missing type None sends NaN (read as 0) left.</summary>
    private static Dictionary<string, string> Tree(params (string Key, string Value)[] changes)
    {
        var lines = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["num_leaves"] = "2",
            ["split_feature"] = "1",
            ["threshold"] = "0.25",
            ["decision_type"] = "0",
            ["left_child"] = "-1",
            ["right_child"] = "-2",
            ["leaf_value"] = "-1.5 2.5",
        };
        foreach (var (key, value) in changes)
        {
            lines[key] = value;
        }

        return lines;
    }

    private static ModelBundle Bundle(string[] columns, IModel model)
    {
        var schema = new DatasetSchema(columns.Select(ColumnSchema.Numeric).ToArray(), new TargetSchema("y", TaskKind.Binary, ["a", "b"]), []);
        return new ModelBundle(schema, [], new BundleValidation("holdout", 1, 1, "error"), [new BundleMember("mystery", model, 1.0, new Dictionary<string, double>(), null)]);
    }

    private sealed class UnknownModel : IModel
    {
        public string LearnerName => "mystery-learner";

        public string Format => "mystery-format";

        public TaskKind Task => TaskKind.Binary;

        public IReadOnlyDictionary<string, double> Facts => new Dictionary<string, double>();

        public Predictions Predict(Dataset data, int threads) => throw new NotSupportedException();

        public void Save(IArtifactWriter writer) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
