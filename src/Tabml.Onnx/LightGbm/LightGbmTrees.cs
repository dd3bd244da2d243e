using Tabml.Errors;
using Tabml.Onnx.Trees;
using static Tabml.Onnx.LightGbm.LightGbmModelText;

namespace Tabml.Onnx.LightGbm;

/// <summary>
/// LightGBM's trees as decision trees, with LightGBM's own routing (tree.h, <c>NumericalDecision</c> and
/// <c>CategoricalDecision</c>): decision_type bit 0 marks a categorical split (left when the integer value is in
/// the split's bitset), bit 1 default-left, bits 2–3 the missing type. For a numeric split with missing type
/// NaN a missing value goes the default way; with None it is read as 0 and compared; missing type Zero
/// (zero_as_missing) is refused because it sends ±1e-35 to the default side, which one TreeEnsemble split cannot say.
/// </summary>
internal static class LightGbmTrees
{
    private const int CategoricalMask = 1;
    private const int DefaultLeftMask = 2;
    private const int MissingNone = 0;
    private const int MissingZero = 1;

    public static DecisionTree Read(IReadOnlyDictionary<string, string> lines, int target)
    {
        var leaves = Doubles(lines, "leaf_value");
        if (Int(lines, "num_leaves") != leaves.Length)
        {
            throw Corrupt("num_leaves does not match leaf_value");
        }

        if (lines.TryGetValue("is_linear", out var linear) && linear != "0")
        {
            throw new TabmlException(ExitCodes.Usage, "LightGBM linear trees (linear_tree=true) cannot be exported to ONNX");
        }

        var features = List<int>(lines, "split_feature");
        var thresholds = Doubles(lines, "threshold");
        var decisions = List<int>(lines, "decision_type");
        var left = List<int>(lines, "left_child");
        var right = List<int>(lines, "right_child");
        var boundaries = List<int>(lines, "cat_boundaries");
        var bitsets = List<uint>(lines, "cat_threshold");
        var count = leaves.Length - 1;
        if (new[] { features.Length, thresholds.Length, decisions.Length, left.Length, right.Length }.Any(n => n != count))
        {
            throw Corrupt($"a tree with {leaves.Length} leaves needs {count} splits in every split line");
        }

        var splits = new TreeSplit[count];
        for (var i = 0; i < count; i++)
        {
            var decision = decisions[i];
            var (l, r) = (Child(left[i]), Child(right[i]));
            if ((decision & CategoricalMask) != 0)
            {
                var members = Members(boundaries, bitsets, (int)thresholds[i]);
                splits[i] = new TreeSplit(features[i], SplitTest.Member, 0.0, members, l, r, MissingGoesLeft: false);
                continue;
            }

            var missing = (decision >> 2) & 3;
            if (missing == MissingZero)
            {
                throw new TabmlException(ExitCodes.Usage, "LightGBM splits with missing type Zero (zero_as_missing=true) cannot be exported to ONNX");
            }

            var missingLeft = missing == MissingNone ? 0.0 <= thresholds[i] : (decision & DefaultLeftMask) != 0;
            splits[i] = new TreeSplit(features[i], SplitTest.LessOrEqual, thresholds[i], null, l, r, missingLeft);
        }

        return new DecisionTree(target, splits, leaves);
    }

    /// <summary>A negative child index −(leaf + 1) names a leaf.</summary>
    private static TreeChild Child(int index) => index < 0 ? TreeChild.Leaf(~index) : TreeChild.Split(index);

    /// <summary>The categories whose bit is set in the split's 32-bit words (LightGBM's <c>FindInBitset</c>).</summary>
    private static int[] Members(int[] boundaries, uint[] bitsets, int set)
    {
        if (set < 0 || set + 1 >= boundaries.Length || boundaries[set + 1] > bitsets.Length)
        {
            throw Corrupt($"categorical split {set} has no bitset");
        }

        var members = new List<int>();
        for (var word = boundaries[set]; word < boundaries[set + 1]; word++)
        {
            for (var bit = 0; bit < 32; bit++)
            {
                if ((bitsets[word] & (1u << bit)) != 0)
                {
                    members.Add(((word - boundaries[set]) * 32) + bit);
                }
            }
        }

        return [.. members];
    }
}
