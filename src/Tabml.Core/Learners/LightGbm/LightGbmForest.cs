using System.Buffers;
using System.Globalization;
using Tabml.Learners.Forests;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// The trees of a LightGBM model, read from LightGBM's model text and evaluated by tabml on many rows at once
/// and on several threads (LightGBM's own PredictForMat is the slowest part of a tabml ensemble). It computes
/// exactly what LightGBM 4's predictor does for a dense float32 matrix: values with |v| ≤ 1e-35 become 0
/// (RowPairFunctionFromDenseMatrix), each tree walks Tree::NumericalDecision / CategoricalDecision, a class's
/// raw score is the double sum of its trees in iteration order, and the objective converts it (binary
/// sigmoid, multiclass softmax, regression identity). Linear trees and other objectives are not read (null).
/// </summary>
internal sealed class LightGbmForest
{
    private const int BlockRows = 256;
    private readonly LightGbmTree[] _trees;
    private readonly LightGbmObjective _objective;

    // Copies of each feature in a widened row (LightGbmRows): 4 when a split treats 0 as missing, otherwise 2.
    private readonly int _copies;

    private LightGbmForest(LightGbmTree[] trees, int classCount, LightGbmObjective objective, int copies)
    {
        _trees = trees;
        ClassCount = classCount;
        _objective = objective;
        _copies = copies;
    }

    /// <summary>Outputs per row: the class count for multiclass, otherwise 1.</summary>
    public int ClassCount { get; }

    public int TreeCount => _trees.Length;

    /// <summary>The highest feature index a split reads (−1 without splits).</summary>
    public int MaxFeature => _trees.Length == 0 ? -1 : _trees.Max(t => t.MaxFeature);

    /// <summary>The forest of a model text, or null when the text holds something tabml does not evaluate.</summary>
    public static LightGbmForest? Parse(string modelText)
    {
        var header = Section(modelText, 0, "Tree=");
        if (!int.TryParse(Value(header, "num_tree_per_iteration"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var perIteration) || perIteration < 1
            || LightGbmObjective.Parse(Value(header, "objective")) is not { } objective
            || (objective.Kind == LightGbmObjective.Softmax) != (perIteration > 1))
        {
            return null;
        }

        var sections = new List<string>();
        for (var at = modelText.IndexOf("\nTree=", StringComparison.Ordinal); at >= 0; at = modelText.IndexOf("\nTree=", at + 1, StringComparison.Ordinal))
        {
            sections.Add(Section(modelText, at + 1, "\n\n"));
        }

        var copies = sections.Any(LightGbmTree.HasZeroMissing) ? 4 : 2;
        var trees = new List<LightGbmTree>();
        foreach (var section in sections)
        {
            if (LightGbmTree.Parse(section, copies) is not { } tree)
            {
                return null;
            }

            trees.Add(tree);
        }

        return trees.Count % perIteration == 0 ? new LightGbmForest([.. trees], perIteration, objective, copies) : null;
    }

    /// <summary>
    /// Predictions for a row-major matrix (<paramref name="rows"/> × <paramref name="width"/>), row-major
    /// (<see cref="ClassCount"/> per row): probabilities or values, as LightGBM's normal prediction.
    /// </summary>
    public double[] Predict(float[] matrix, int rows, int width, int threads)
    {
        var classes = ClassCount;
        var output = new double[rows * classes];
        var blocks = (rows + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, block =>
        {
            var start = block * BlockRows;
            var count = Math.Min(BlockRows, rows - start);
            var wide = width * _copies;
            var input = ArrayPool<float>.Shared.Rent(count * wide);
            LightGbmRows.Widen(matrix.AsSpan(start * width, count * width), _copies, input);
            var scores = output.AsSpan(start * classes, count * classes);
            using (var widened = TreeRows.Of(input.AsSpan(0, count * wide), wide))
            {
                // Tree by tree over a block keeps one tree in cache; each class still sums in iteration order.
                for (var t = 0; t < _trees.Length; t++)
                {
                    _trees[t].Add(widened, scores, classes, t % classes);
                }
            }

            ArrayPool<float>.Shared.Return(input);

            for (var r = 0; r < count; r++)
            {
                _objective.Convert(scores.Slice(r * classes, classes));
            }
        });
        return output;
    }

    /// <summary>The text from <paramref name="start"/> to the next <paramref name="end"/> (or the end of the text).</summary>
    private static string Section(string text, int start, string end)
    {
        var stop = text.IndexOf(end, start, StringComparison.Ordinal);
        return stop < 0 ? text[start..] : text[start..stop];
    }

    /// <summary>The value of a "key=value" line of a section, or null.</summary>
    internal static string? Value(string section, string key)
    {
        foreach (var line in section.Split('\n'))
        {
            if (line.Length > key.Length && line[key.Length] == '=' && line.StartsWith(key, StringComparison.Ordinal))
            {
                return line[(key.Length + 1)..].TrimEnd('\r');
            }
        }

        return null;
    }
}
