using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;
using static Tabml.Onnx.Graph.OnnxAttributes;

namespace Tabml.Onnx.Trees;

/// <summary>
/// Decision trees as one ai.onnx.ml TreeEnsemble node (ml opset 5) over a float64 feature matrix: thresholds
/// and leaf values stay float64, so a comparison of a float32 input with a tree's threshold and the sum of
/// the leaves are what LightGBM and ML.NET compute. Categorical sets use BRANCH_MEMBER. A tree without a
/// split becomes one always-true split onto its leaf, so every tree has a root.
/// </summary>
internal static class TreeEnsembleGraph
{
    private const byte BranchLessOrEqual = 0;
    private const byte BranchMember = 6;

    /// <summary>The trees' sums per target, float64 [N, <paramref name="targets"/>].</summary>
    public static string Sum(OnnxGraph g, string features, IReadOnlyList<DecisionTree> trees, int targets)
    {
        var nodes = new NodeArrays();
        var leafTargets = new List<long>();
        var leafWeights = new List<double>();
        var roots = new List<long>();
        if (trees.Count == 0)
        {
            // TreeEnsemble needs a tree: one that adds 0.
            trees = [new DecisionTree(0, [], [0.0])];
        }

        foreach (var tree in trees)
        {
            var nodeBase = nodes.Count;
            var leafBase = leafTargets.Count;
            roots.Add(nodeBase);
            leafTargets.AddRange(tree.Leaves.Select(_ => (long)tree.Target));
            leafWeights.AddRange(tree.Leaves);
            if (tree.Splits.Count == 0)
            {
                var leaf = TreeChild.Leaf(0);
                nodes.Add(new TreeSplit(0, SplitTest.LessOrEqual, double.PositiveInfinity, null, leaf, leaf, MissingGoesLeft: true), nodeBase, leafBase);
                continue;
            }

            foreach (var split in tree.Splits)
            {
                nodes.Add(split, nodeBase, leafBase);
            }
        }

        var attributes = new List<AttributeProto>
        {
            Ints("tree_roots", roots),
            Ints("nodes_featureids", nodes.Features),
            Tensor("nodes_modes", OnnxTensors.UInt8("nodes_modes", nodes.Modes.ToArray(), [nodes.Count])),
            Tensor("nodes_splits", OnnxTensors.Double("nodes_splits", nodes.Thresholds.ToArray(), [nodes.Count])),
            Ints("nodes_truenodeids", nodes.TrueIds),
            Ints("nodes_trueleafs", nodes.TrueLeafs),
            Ints("nodes_falsenodeids", nodes.FalseIds),
            Ints("nodes_falseleafs", nodes.FalseLeafs),
            Ints("nodes_missing_value_tracks_true", nodes.MissingTrue),
            Ints("leaf_targetids", leafTargets),
            Tensor("leaf_weights", OnnxTensors.Double("leaf_weights", leafWeights.ToArray(), [leafWeights.Count])),
            Int("n_targets", targets),
        };
        if (nodes.Members.Count > 0)
        {
            attributes.Add(Tensor("membership_values", OnnxTensors.Double("membership_values", nodes.Members.ToArray(), [nodes.Members.Count])));
        }

        return g.Node("TreeEnsemble", OnnxGraph.MlDomain, [features], [.. attributes]);
    }

    /// <summary>A float64 [N, F] matrix from float32 / int64 [N, 1] columns.</summary>
    public static string Features(OnnxGraph g, IReadOnlyList<string> columns) =>
        g.Concat(columns.Select(c => g.Cast(c, DataType.Double)).ToArray(), 1);

    /// <summary>The per-node attribute lists, with child indices made global (offset by the tree's first node or leaf).</summary>
    private sealed class NodeArrays
    {
        public List<long> Features { get; } = [];

        public List<byte> Modes { get; } = [];

        public List<double> Thresholds { get; } = [];

        public List<long> TrueIds { get; } = [];

        public List<long> TrueLeafs { get; } = [];

        public List<long> FalseIds { get; } = [];

        public List<long> FalseLeafs { get; } = [];

        public List<long> MissingTrue { get; } = [];

        /// <summary>The sets of the BRANCH_MEMBER nodes in node order, each closed by NaN.</summary>
        public List<double> Members { get; } = [];

        public int Count => Features.Count;

        public void Add(TreeSplit split, int nodeBase, int leafBase)
        {
            Features.Add(split.Feature);
            Modes.Add(split.Test == SplitTest.Member ? BranchMember : BranchLessOrEqual);
            Thresholds.Add(split.Test == SplitTest.Member ? 0.0 : split.Threshold);
            TrueIds.Add(split.Left.Index + (split.Left.IsLeaf ? leafBase : nodeBase));
            TrueLeafs.Add(split.Left.IsLeaf ? 1 : 0);
            FalseIds.Add(split.Right.Index + (split.Right.IsLeaf ? leafBase : nodeBase));
            FalseLeafs.Add(split.Right.IsLeaf ? 1 : 0);
            MissingTrue.Add(split.MissingGoesLeft ? 1 : 0);
            if (split.Test == SplitTest.Member)
            {
                Members.AddRange(split.Members!.Select(m => (double)m));
                Members.Add(double.NaN);
            }
        }
    }
}
