using Microsoft.ML.Trainers.FastTree;
using Tabml.Errors;
using Tabml.Onnx.Trees;

namespace Tabml.Onnx.FastTree;

/// <summary>
/// ML.NET regression trees as decision trees (ML.NET's <c>InternalRegressionTree.GetLeaf</c>): left when
/// x ≤ threshold (float32 values and thresholds); a negative child −(leaf + 1) is a leaf. A tree with one
/// leaf adds nothing (ML.NET's <c>GetOutput</c> returns 0 for it), so it is left out. The exported
/// features are never missing (the encoder imputes), and categorical splits are refused.
/// </summary>
internal static class FastTreeTrees
{
    public static IEnumerable<DecisionTree> Read(RegressionTreeEnsemble ensemble, int target)
    {
        foreach (var tree in ensemble.Trees)
        {
            if (tree.NumberOfNodes == 0)
            {
                continue;
            }

            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new TabmlException(ExitCodes.Usage, "FastTree categorical splits cannot be exported to ONNX");
            }

            var splits = new TreeSplit[tree.NumberOfNodes];
            for (var i = 0; i < splits.Length; i++)
            {
                splits[i] = new TreeSplit(
                    tree.NumericalSplitFeatureIndexes[i],
                    SplitTest.LessOrEqual,
                    tree.NumericalSplitThresholds[i],
                    null,
                    Child(tree.LeftChild[i]),
                    Child(tree.RightChild[i]),
                    MissingGoesLeft: false);
            }

            yield return new DecisionTree(target, splits, tree.LeafValues.ToArray());
        }
    }

    private static TreeChild Child(int index) => index < 0 ? TreeChild.Leaf(~index) : TreeChild.Split(index);
}
