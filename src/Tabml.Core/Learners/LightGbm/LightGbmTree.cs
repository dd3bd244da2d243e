using System.Globalization;
using Tabml.Learners.Forests;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// One tree of LightGBM's model text, evaluated as Tree::Predict does: numerical splits with their missing
/// type (None: NaN counts as 0; Zero: 0 and NaN take the default side; NaN: NaN takes the default side) and
/// "value ≤ threshold" (the double threshold rounded down to float, the same test for float values),
/// categorical splits by bitset membership (NaN and negative values go right), a one-leaf tree its value.
/// The walk form reads a row widened by <see cref="LightGbmRows"/> so that every numerical split is the plain
/// "value ≤ threshold" test: each split reads the copy of its feature in which missing values already stand on
/// the side its missing type and default direction send them.
/// </summary>
internal sealed class LightGbmTree
{
    // The walk form, or null for a one-leaf tree (its value is _leaf).
    private readonly WalkTree? _walk;
    private readonly double _leaf;

    private LightGbmTree(WalkTree? walk, double leaf, int maxFeature)
    {
        _walk = walk;
        _leaf = leaf;
        MaxFeature = maxFeature;
    }

    /// <summary>The highest feature index a split reads (−1 without splits).</summary>
    public int MaxFeature { get; }

    /// <summary>True when a split tests 0 as missing (the rows then need the zero-as-missing copies).</summary>
    public static bool HasZeroMissing(string section) =>
        Ints(section, "decision_type") is { } decisions && decisions.Any(d => (d & 1) == 0 && ((d >> 2) & 3) == 1);

    /// <summary>Reads one "Tree=..." section for rows widened to <paramref name="copies"/> per feature; null when it is malformed or a linear tree.</summary>
    public static LightGbmTree? Parse(string section, int copies)
    {
        var leafCount = Ints(section, "num_leaves") is [var n] ? n : -1;
        var leaves = Doubles(section, "leaf_value");
        if (leafCount < 1 || leaves is null || leaves.Length != leafCount || LightGbmForest.Value(section, "is_linear") is { } linear && linear != "0")
        {
            return null;
        }

        if (leafCount == 1)
        {
            return new LightGbmTree(null, leaves[0], -1);
        }

        var splits = leafCount - 1;
        var feature = Ints(section, "split_feature");
        var threshold = Doubles(section, "threshold");
        var decision = Ints(section, "decision_type");
        var left = Ints(section, "left_child");
        var right = Ints(section, "right_child");
        var catBoundaries = Ints(section, "cat_boundaries") ?? [0];
        var catBits = Words(LightGbmForest.Value(section, "cat_threshold") ?? string.Empty);
        if (catBits is null || feature?.Length != splits || threshold?.Length != splits || decision?.Length != splits || left?.Length != splits || right?.Length != splits)
        {
            return null;
        }

        var (columns, thresholds, sets) = (new int[splits], new float[splits], new CategorySet[splits]);
        for (var i = 0; i < splits; i++)
        {
            if (feature[i] < 0 || (feature[i] * (long)copies) + copies > WalkTree.MaxIndex
                || Split(feature[i], threshold[i], decision[i], copies) is not { } split || Set(threshold[i], decision[i], catBoundaries, catBits.Length) is not { } set)
            {
                return null;
            }

            (columns[i], thresholds[i], sets[i]) = (split.Column, split.Threshold, set);
        }

        var walk = WalkTree.Build(columns, thresholds, left, right, leaves, sets.Any(s => s.Words > 0) ? sets : null, catBits);
        return walk is null ? null : new LightGbmTree(walk, 0, feature.Max());
    }

    /// <summary>Adds this tree's output for every row (widened by <see cref="LightGbmRows"/>) to class <paramref name="k"/>'s score (row-major scores).</summary>
    public void Add(in TreeRows rows, Span<double> scores, int classes, int k)
    {
        if (_walk is null)
        {
            for (var row = k; row < scores.Length; row += classes)
            {
                scores[row] += _leaf;
            }

            return;
        }

        _walk.Add(rows, scores, classes, k);
    }

    /// <summary>A numerical split reading the copy of its feature where missing values go its way; a categorical split reads copy 0 and fails the numeric test (threshold NaN).</summary>
    private static (int Column, float Threshold)? Split(int feature, double threshold, int decision, int copies)
    {
        if ((decision & 1) != 0)
        {
            return (feature * copies, float.NaN);
        }

        var defaultLeft = (decision & 2) != 0;
        var copy = ((decision >> 2) & 3) switch
        {
            // None: NaN is read as 0, which then takes the ordinary test.
            0 => 0.0 <= threshold ? LightGbmRows.NanLeft : LightGbmRows.NanRight,
            1 => defaultLeft ? LightGbmRows.ZeroNanLeft : LightGbmRows.ZeroNanRight,
            2 => defaultLeft ? LightGbmRows.NanLeft : LightGbmRows.NanRight,
            _ => -1,
        };
        return copy < 0 || copy >= copies || double.IsNaN(threshold) ? null : ((feature * copies) + copy, FloatAtMost(threshold));
    }

    /// <summary>The category set of a categorical split (none for a numerical one); null when its bitset is out of range.</summary>
    private static CategorySet? Set(double threshold, int decision, int[] catBoundaries, int bitCount)
    {
        if ((decision & 1) == 0)
        {
            return default(CategorySet);
        }

        var index = (int)threshold;
        return index < 0 || index + 1 >= catBoundaries.Length || catBoundaries[index] < 0 || catBoundaries[index + 1] > bitCount || catBoundaries[index + 1] < catBoundaries[index]
            ? null
            : new CategorySet(catBoundaries[index], catBoundaries[index + 1] - catBoundaries[index]);
    }

    /// <summary>The largest float ≤ <paramref name="threshold"/>: for a float v, (double)v ≤ t exactly when v ≤ it.</summary>
    private static float FloatAtMost(double threshold)
    {
        var rounded = (float)threshold;
        return rounded > threshold ? MathF.BitDecrement(rounded) : rounded;
    }

    private static int[]? Ints(string section, string key)
    {
        var text = LightGbmForest.Value(section, key);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    private static uint[]? Words(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var words = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out words[i]))
            {
                return null;
            }
        }

        return words;
    }

    private static double[]? Doubles(string section, string key)
    {
        var text = LightGbmForest.Value(section, key);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            values[i] = part switch
            {
                "inf" or "+inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                "nan" or "-nan" => double.NaN,
                _ => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
            };
            if (double.IsNaN(values[i]) && part is not ("nan" or "-nan"))
            {
                return null;
            }
        }

        return values;
    }
}
