using Tabml.Learners.FastTree;
using Tabml.Onnx.Trees;

namespace Tabml.Onnx.FastTree;

/// <summary>
/// A FastTree member's kept trees as decision trees (as <see cref="FastTreeForest"/> evaluates them): left
/// when x ≤ threshold (float32 values and thresholds); a negative child −(leaf + 1) is a leaf. A tree
/// without splits adds nothing, so it is left out. The exported features are never missing (the encoder
/// imputes); categorical splits never reach a forest.
/// </summary>
internal static class FastTreeTrees
{
    public static IEnumerable<DecisionTree> Read(FastTreeForest forest, int trees, int target)
    {
        foreach (var (splits, leaves) in forest.Trees(trees))
        {
            if (splits.Count == 0)
            {
                continue;
            }

            var converted = splits
                .Select(s => new TreeSplit(s.Feature, SplitTest.LessOrEqual, s.Threshold, null, Child(s.Left), Child(s.Right), MissingGoesLeft: false))
                .ToArray();
            yield return new DecisionTree(target, converted, leaves);
        }
    }

    private static TreeChild Child(int index) => index < 0 ? TreeChild.Leaf(~index) : TreeChild.Split(index);
}
