using System.Globalization;
using System.Text.RegularExpressions;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// Checks LightGBM model text from a bundle before LightGBM parses it. LightGBM's parser trusts its input:
/// a tree that fails to parse inside its parallel loop aborts the whole process (LightGBM 4.7's
/// ThreadExceptionHelper rethrows from its destructor), and child, feature and category indices are used
/// unchecked when predicting. So the text must have the structure LightGBM itself writes: ASCII lines, a
/// header with tree_sizes, every tree block exactly where tree_sizes puts it, each array as long as
/// num_leaves implies and made of numbers LightGBM parses, children that form one tree over all leaves,
/// split features within max_feature_idx and categorical thresholds within the category bitsets.
/// It also removes the thread count from text tabml writes (<see cref="WithoutThreadCount"/>).
/// </summary>
internal static partial class LightGbmModelText
{
    private const string ThreadLine = "[num_threads: ";

    /// <summary>LightGBM reads at most this many key=value lines per tree.</summary>
    private const int MaxTreeLines = 22;

    /// <summary>
    /// LightGBM's model text ends with the parameters it was trained with, num_threads among them. With
    /// deterministic=true and force_col_wise=true the trees do not depend on the thread count, so that one
    /// line is removed: the same data and seed then give the same text, and the same bundle, for any --threads.
    /// The parameters block is informational (prediction takes its parameters from the call).
    /// </summary>
    public static string WithoutThreadCount(string modelText)
    {
        var start = modelText.IndexOf("\n" + ThreadLine, StringComparison.Ordinal);
        if (start < 0)
        {
            return modelText;
        }

        var end = modelText.IndexOf('\n', start + 1);
        return end < 0 ? modelText[..start] : string.Concat(modelText.AsSpan(0, start), modelText.AsSpan(end));
    }

    /// <summary>What is wrong with <paramref name="text"/>, or null when LightGBM can safely load it.</summary>
    public static string? Problem(string text)
    {
        if (text.Any(c => c > 127 || c == '\r' || c == '\0'))
        {
            return "it holds characters LightGBM does not write (non-ASCII, CR or NUL)";
        }

        var treesStart = text.StartsWith("Tree=", StringComparison.Ordinal) ? 0 : text.IndexOf("\nTree=", StringComparison.Ordinal) + 1;
        if (treesStart <= 0)
        {
            return "it holds no trees";
        }

        var header = text[..treesStart].Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        if (!header.TryGetValue("max_feature_idx", out var max) || !TryInt(max, out var maxFeature) || maxFeature < 0)
        {
            return "max_feature_idx is missing or invalid";
        }

        if (!header.TryGetValue("tree_sizes", out var sizesText) || !TryInts(sizesText, -1, out var sizes) || sizes.Any(s => s <= 0))
        {
            return "tree_sizes is missing or invalid";
        }

        var offset = (long)treesStart;
        for (var i = 0; i < sizes.Length; i++)
        {
            if (offset + sizes[i] > text.Length)
            {
                return "tree_sizes reach past the end of the text";
            }

            if (Tree(text.Substring((int)offset, sizes[i]), i, maxFeature) is { } problem)
            {
                return $"tree {i}: {problem}";
            }

            offset += sizes[i];
        }

        return text.AsSpan((int)offset).StartsWith("end of trees", StringComparison.Ordinal) ? null : "the trees do not end where tree_sizes says";
    }

    private static string? Tree(string block, int index, int maxFeature)
    {
        var lines = block.Split('\n');
        if (lines[0] != string.Create(CultureInfo.InvariantCulture, $"Tree={index}"))
        {
            return "does not start with its Tree= line";
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = 1;
        for (; line < lines.Length && lines[line].Length > 0; line++)
        {
            var pair = lines[line].Split('=', 2);
            if (pair.Length != 2 || !fields.TryAdd(pair[0], pair[1]) || fields.Count > MaxTreeLines)
            {
                return $"line '{Shorten(lines[line])}' is not one key=value of at most {MaxTreeLines}";
            }
        }

        if (lines.Skip(line).Any(l => l.Length > 0) || line == lines.Length)
        {
            return "its block does not end with an empty line where tree_sizes says";
        }

        return Arrays(fields, maxFeature);
    }

    private static string? Arrays(Dictionary<string, string> fields, int maxFeature)
    {
        if (!TryInt(fields.GetValueOrDefault("num_leaves"), out var leaves) || leaves < 1 || !TryInt(fields.GetValueOrDefault("num_cat"), out var categories) || categories < 0 || categories >= leaves + 1)
        {
            return "num_leaves or num_cat is missing or invalid";
        }

        if (fields.GetValueOrDefault("is_linear", "0") != "0")
        {
            return "linear trees are not written by tabml";
        }

        var internalNodes = leaves - 1;
        if (!TryDoubles(fields.GetValueOrDefault("leaf_value"), leaves) || !Optional(fields, "leaf_weight", leaves, doubles: true) || !Optional(fields, "leaf_count", leaves, doubles: false)
            || !TryDoubles(fields.GetValueOrDefault("shrinkage", "1"), 1))
        {
            return "a leaf array is missing or has the wrong length or numbers";
        }

        if (internalNodes == 0)
        {
            return null;
        }

        if (!TryInts(fields.GetValueOrDefault("left_child"), internalNodes, out var left) || !TryInts(fields.GetValueOrDefault("right_child"), internalNodes, out var right)
            || !TryInts(fields.GetValueOrDefault("split_feature"), internalNodes, out var features) || !TryDoubles(fields.GetValueOrDefault("threshold"), internalNodes)
            || !TryInts(fields.GetValueOrDefault("decision_type", string.Join(' ', Enumerable.Repeat("0", internalNodes))), internalNodes, out var decisions)
            || !Optional(fields, "split_gain", internalNodes, doubles: true) || !Optional(fields, "internal_value", internalNodes, doubles: true)
            || !Optional(fields, "internal_weight", internalNodes, doubles: true) || !Optional(fields, "internal_count", internalNodes, doubles: false))
        {
            return "a node array is missing or has the wrong length or numbers";
        }

        if (features.Any(f => f < 0 || f > maxFeature) || decisions.Any(d => d < 0 || d > 127 || ((d >> 2) & 3) > 2))
        {
            return "a split feature or decision type is out of range";
        }

        return Shape(left, right, leaves) ?? Categorical(fields, decisions, categories);
    }

    /// <summary>The children must form one tree from node 0: every internal node and every leaf reached exactly once.</summary>
    private static string? Shape(int[] left, int[] right, int leaves)
    {
        var seenNodes = new bool[left.Length];
        var seenLeaves = new bool[leaves];
        var pending = new Stack<int>();
        pending.Push(0);
        seenNodes[0] = true;
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var child in new[] { left[node], right[node] })
            {
                var fresh = child >= 0
                    ? child < left.Length && !seenNodes[child] && (seenNodes[child] = true)
                    : ~child < leaves && !seenLeaves[~child] && (seenLeaves[~child] = true);
                if (!fresh)
                {
                    return "its children do not form a tree";
                }

                if (child >= 0)
                {
                    pending.Push(child);
                }
            }
        }

        return seenNodes.All(s => s) && seenLeaves.All(s => s) ? null : "some nodes or leaves are unreachable";
    }

    private static string? Categorical(Dictionary<string, string> fields, int[] decisions, int categories)
    {
        var categoricalNodes = Enumerable.Range(0, decisions.Length).Where(n => (decisions[n] & 1) != 0).ToArray();
        if (categories == 0)
        {
            return categoricalNodes.Length == 0 ? null : "a categorical split without categories";
        }

        if (!TryInts(fields.GetValueOrDefault("cat_boundaries"), categories + 1, out var bounds) || bounds[0] != 0 || bounds.Zip(bounds.Skip(1)).Any(b => b.Second < b.First)
            || !TryUInts(fields.GetValueOrDefault("cat_threshold"), bounds[^1]))
        {
            return "cat_boundaries or cat_threshold is invalid";
        }

        var thresholds = fields["threshold"].Split(' ');
        return categoricalNodes.All(n => TryInt(thresholds[n], out var c) && c >= 0 && c < categories) ? null : "a categorical threshold is out of range";
    }

    private static bool Optional(Dictionary<string, string> fields, string key, int count, bool doubles) =>
        !fields.TryGetValue(key, out var value) || (doubles ? TryDoubles(value, count) : TryInts(value, count, out _));

    private static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Exactly <paramref name="count"/> space-separated integers (any count when negative).</summary>
    private static bool TryInts(string? text, int count, out int[] values)
    {
        values = [];
        if (text is null || (count == 0 ? text.Length != 0 : text.Length == 0))
        {
            return false;
        }

        var tokens = count == 0 ? [] : text.Split(' ');
        values = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!TryInt(tokens[i], out values[i]) || tokens[i].Length > 11)
            {
                return false;
            }
        }

        return count < 0 || tokens.Length == count;
    }

    private static bool TryUInts(string? text, int count) =>
        text is not null && (count == 0 ? text.Length == 0 : text.Split(' ') is var tokens && tokens.Length == count && tokens.All(t => uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _)));

    private static bool TryDoubles(string? text, int count) =>
        text is not null && (count == 0 ? text.Length == 0 : text.Split(' ') is var tokens && tokens.Length == count && tokens.All(t => Number().IsMatch(t)));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^(-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?|-?inf|-?nan)$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
