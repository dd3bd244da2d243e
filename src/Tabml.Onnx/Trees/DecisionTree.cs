namespace Tabml.Onnx.Trees;

/// <summary>
/// A binary decision tree in the form TreeEnsemble takes: splits and leaves indexed separately, each split
/// sending a row to its left (true) child when the test holds. The tree adds its leaf's value to output
/// <see cref="Target"/>. A tree may have no split (one leaf).
/// </summary>
internal sealed record DecisionTree(int Target, IReadOnlyList<TreeSplit> Splits, IReadOnlyList<double> Leaves);

/// <summary>
/// One split: x[feature] ≤ threshold, or x[feature] ∈ members; <paramref name="MissingGoesLeft"/> routes NaN.
/// </summary>
internal sealed record TreeSplit(int Feature, SplitTest Test, double Threshold, IReadOnlyList<int>? Members, TreeChild Left, TreeChild Right, bool MissingGoesLeft);

/// <summary>A child: another split, or a leaf, by index within its tree.</summary>
internal readonly record struct TreeChild(int Index, bool IsLeaf)
{
    public static TreeChild Split(int index) => new(index, false);

    public static TreeChild Leaf(int index) => new(index, true);
}

internal enum SplitTest
{
    LessOrEqual,
    Member,
}
