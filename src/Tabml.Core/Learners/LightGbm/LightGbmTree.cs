using System.Globalization;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// One tree of LightGBM's model text, evaluated as Tree::Predict does: numerical splits with their missing
/// type (None: NaN counts as 0; Zero: 0 and NaN take the default side; NaN: NaN takes the default side) and
/// "value ≤ threshold" (the double threshold rounded down to float, the same test for float values),
/// categorical splits by bitset membership (NaN and negative values go right), a one-leaf tree its value.
/// </summary>
internal sealed class LightGbmTree
{
    private const byte Numerical = 0;
    private const byte ZeroMissing = 1;
    private const byte Categorical = 2;

    private readonly Node[] _nodes;
    private readonly double[] _leaves;
    private readonly uint[] _bits;

    private LightGbmTree(Node[] nodes, double[] leaves, uint[] bits)
    {
        _nodes = nodes;
        _leaves = leaves;
        _bits = bits;
    }

    public int MaxFeature => _nodes.Length == 0 ? -1 : _nodes.Max(n => n.Feature);

    /// <summary>Reads one "Tree=..." section; null when it is malformed or a linear tree.</summary>
    public static LightGbmTree? Parse(string section)
    {
        var leafCount = Ints(section, "num_leaves") is [var n] ? n : -1;
        var leaves = Doubles(section, "leaf_value");
        if (leafCount < 1 || leaves is null || leaves.Length != leafCount || LightGbmForest.Value(section, "is_linear") is { } linear && linear != "0")
        {
            return null;
        }

        if (leafCount == 1)
        {
            return new LightGbmTree([], leaves, []);
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

        var nodes = new Node[splits];
        for (var i = 0; i < splits; i++)
        {
            if (!Valid(left[i], i, splits, leafCount) || !Valid(right[i], i, splits, leafCount) || feature[i] < 0)
            {
                return null;
            }

            var node = MakeNode(feature[i], threshold[i], decision[i], left[i], right[i], catBoundaries, catBits.Length);
            if (node is null)
            {
                return null;
            }

            nodes[i] = node.Value;
        }

        return new LightGbmTree(nodes, leaves, catBits);
    }

    /// <summary>Adds this tree's output for every row to class <paramref name="k"/>'s score (row-major scores).</summary>
    public void Add(ReadOnlySpan<float> rows, int width, Span<double> scores, int classes, int k)
    {
        var count = scores.Length / classes;
        if (_nodes.Length == 0)
        {
            for (var row = 0; row < count; row++)
            {
                scores[(row * classes) + k] += _leaves[0];
            }

            return;
        }

        var nodes = _nodes.AsSpan();
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * width, width);
            var node = 0;
            while (node >= 0)
            {
                ref readonly var split = ref nodes[node];
                node = Next(in split, row[split.Feature]);
            }

            scores[(r * classes) + k] += _leaves[~node];
        }
    }

    private int Next(in Node node, float value)
    {
        switch (node.Kind)
        {
            case Numerical:
                return float.IsNaN(value) ? (node.DefaultRight ? node.Right : node.Left) : value <= node.Threshold ? node.Left : node.Right;
            case ZeroMissing:
                return float.IsNaN(value) || value == 0f ? (node.DefaultRight ? node.Right : node.Left) : value <= node.Threshold ? node.Left : node.Right;
            default:
                if (float.IsNaN(value) || (int)value < 0)
                {
                    return node.Right;
                }

                var position = (int)value;
                var word = position / 32;
                return word < node.CatWords && ((_bits[node.CatStart + word] >> (position % 32)) & 1) != 0 ? node.Left : node.Right;
        }
    }

    private static Node? MakeNode(int feature, double threshold, int decision, int left, int right, int[] catBoundaries, int bitCount)
    {
        var defaultLeft = (decision & 2) != 0;
        if ((decision & 1) != 0)
        {
            var index = (int)threshold;
            if (index < 0 || index + 1 >= catBoundaries.Length || catBoundaries[index] < 0 || catBoundaries[index + 1] > bitCount || catBoundaries[index + 1] < catBoundaries[index])
            {
                return null;
            }

            return new Node(feature, 0f, left, right, Categorical, false, catBoundaries[index], catBoundaries[index + 1] - catBoundaries[index]);
        }

        var missing = (decision >> 2) & 3;
        var bound = FloatAtMost(threshold);
        return missing switch
        {
            // None: NaN is read as 0, which then takes the ordinary test.
            0 => new Node(feature, bound, left, right, Numerical, !(0.0 <= threshold), 0, 0),
            1 => new Node(feature, bound, left, right, ZeroMissing, !defaultLeft, 0, 0),
            2 => new Node(feature, bound, left, right, Numerical, !defaultLeft, 0, 0),
            _ => null,
        };
    }

    /// <summary>The largest float ≤ <paramref name="threshold"/>: for a float v, (double)v ≤ t exactly when v ≤ it.</summary>
    private static float FloatAtMost(double threshold)
    {
        var rounded = (float)threshold;
        return rounded > threshold ? MathF.BitDecrement(rounded) : rounded;
    }

    private static bool Valid(int child, int node, int splits, int leaves) =>
        child < 0 ? ~child < leaves : child > node && child < splits;

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

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right, byte Kind, bool DefaultRight, int CatStart, int CatWords);
}
