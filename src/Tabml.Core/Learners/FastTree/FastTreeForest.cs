using System.Buffers.Binary;
using Microsoft.ML.Trainers.FastTree;
using Tabml.Learners.Forests;

namespace Tabml.Learners.FastTree;

/// <summary>
/// The trees of one fitted FastTree model, copied from ML.NET's public tree API into flat arrays, evaluated by
/// tabml: any prefix of the trees (the kept iterations), many rows at once on several threads. It computes
/// exactly what ML.NET's predictor does (TreeEnsembleModelParameters.Map): the double sum of the trees'
/// leaf values in tree order, numeric splits "value ≤ threshold goes left", a one-leaf tree adds 0.
/// </summary>
internal sealed class FastTreeForest
{
    private const int BlockRows = 256;
    private readonly Node[] _nodes;
    private readonly int[] _nodeStart;
    private readonly double[] _leaves;
    private readonly int[] _leafStart;

    // The walk form of each tree (null for a tree without splits).
    private readonly WalkTree?[] _walk;

    private FastTreeForest(Node[] nodes, int[] nodeStart, double[] leaves, int[] leafStart)
    {
        _nodes = nodes;
        _nodeStart = nodeStart;
        _leaves = leaves;
        _leafStart = leafStart;
        _walk = WalkForm(nodes, nodeStart, leaves, leafStart);
    }

    public int TreeCount => _nodeStart.Length;

    public static FastTreeForest From(RegressionTreeEnsemble ensemble)
    {
        if (ensemble.Bias != 0 || ensemble.TreeWeights.Any(w => w != 1))
        {
            throw new InvalidOperationException("FastTree ensembles with a bias or tree weights are not supported");
        }

        var nodes = new List<Node>();
        var leaves = new List<double>();
        var nodeStart = new int[ensemble.Trees.Count];
        var leafStart = new int[ensemble.Trees.Count];
        for (var t = 0; t < nodeStart.Length; t++)
        {
            var tree = ensemble.Trees[t];
            nodeStart[t] = nodes.Count;
            leafStart[t] = leaves.Count;
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new InvalidOperationException("FastTree categorical splits are not supported");
            }

            // ML.NET adds 0 for a tree whose root has no left child (a single leaf): mark it by an empty leaf list.
            if (tree.LeftChild.Count == 0 || tree.LeftChild[0] == 0)
            {
                continue;
            }

            for (var n = 0; n < tree.LeftChild.Count; n++)
            {
                nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], tree.LeftChild[n], tree.RightChild[n]));
            }

            leaves.AddRange(tree.LeafValues);
        }

        return new FastTreeForest([.. nodes], nodeStart, [.. leaves], leafStart);
    }

    /// <summary>A forest of the first <paramref name="trees"/> trees.</summary>
    public FastTreeForest Prefix(int trees)
    {
        var nodeEnd = trees < TreeCount ? _nodeStart[trees] : _nodes.Length;
        var leafEnd = trees < TreeCount ? _leafStart[trees] : _leaves.Length;
        return new FastTreeForest(_nodes[..nodeEnd], _nodeStart[..trees], _leaves[..leafEnd], _leafStart[..trees]);
    }

    /// <summary>
    /// The binary form stored in bundles (little-endian): tree count, then per tree its node and leaf counts,
    /// nodes as (feature int32, threshold float32, left int32, right int32), leaf values as float64.
    /// </summary>
    public byte[] ToBytes()
    {
        var size = 4 + (TreeCount * 8) + (_nodes.Length * 16) + (_leaves.Length * 8);
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, TreeCount);
        var at = 4;
        for (var t = 0; t < TreeCount; t++)
        {
            var (nodes, leaves) = (Count(_nodeStart, _nodes.Length, t), Count(_leafStart, _leaves.Length, t));
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], nodes);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], leaves);
            at += 8;
            foreach (var node in _nodes.AsSpan(_nodeStart[t], nodes))
            {
                BinaryPrimitives.WriteInt32LittleEndian(span[at..], node.Feature);
                BinaryPrimitives.WriteSingleLittleEndian(span[(at + 4)..], node.Threshold);
                BinaryPrimitives.WriteInt32LittleEndian(span[(at + 8)..], node.Left);
                BinaryPrimitives.WriteInt32LittleEndian(span[(at + 12)..], node.Right);
                at += 16;
            }

            foreach (var leaf in _leaves.AsSpan(_leafStart[t], leaves))
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[at..], leaf);
                at += 8;
            }
        }

        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>; null when the bytes are not a well-formed forest (every walk must reach a leaf).</summary>
    public static FastTreeForest? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(bytes) is var trees && trees < 0 || trees > (bytes.Length - 4) / 8)
        {
            return null;
        }

        var nodes = new List<Node>();
        var leaves = new List<double>();
        var nodeStart = new int[trees];
        var leafStart = new int[trees];
        var at = 4;
        for (var t = 0; t < trees; t++)
        {
            if (bytes.Length - at < 8)
            {
                return null;
            }

            var nodeCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            var leafCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
            at += 8;
            if (nodeCount < 0 || leafCount != (nodeCount == 0 ? 0 : nodeCount + 1) || (long)(nodeCount * 16) + (leafCount * 8L) > bytes.Length - at)
            {
                return null;
            }

            nodeStart[t] = nodes.Count;
            leafStart[t] = leaves.Count;
            for (var n = 0; n < nodeCount; n++, at += 16)
            {
                var node = new Node(BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]), BinaryPrimitives.ReadSingleLittleEndian(bytes[(at + 4)..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 8)..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 12)..]));
                if (node.Feature < 0 || !ValidChild(node.Left, n, nodeCount, leafCount) || !ValidChild(node.Right, n, nodeCount, leafCount))
                {
                    return null;
                }

                nodes.Add(node);
            }

            for (var l = 0; l < leafCount; l++, at += 8)
            {
                leaves.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]));
            }
        }

        if (at != bytes.Length)
        {
            return null;
        }

        try
        {
            return new FastTreeForest([.. nodes], nodeStart, [.. leaves], leafStart);
        }
        catch (InvalidOperationException)
        {
            // Children that do not form a tree (a node reached twice, a leaf never).
            return null;
        }
    }

    /// <summary>
    /// The first <paramref name="trees"/> trees for exporters: each tree's splits (children as in ML.NET: a
    /// negative child −(leaf + 1) is a leaf) and leaf values; a tree without splits adds 0 and has none.
    /// </summary>
    public IEnumerable<(IReadOnlyList<ForestSplit> Splits, IReadOnlyList<double> Leaves)> Trees(int trees)
    {
        for (var t = 0; t < Math.Min(trees, TreeCount); t++)
        {
            var splits = _nodes.AsSpan(_nodeStart[t], Count(_nodeStart, _nodes.Length, t)).ToArray()
                .Select(n => new ForestSplit(n.Feature, n.Threshold, n.Left, n.Right)).ToArray();
            yield return (splits, _leaves.AsSpan(_leafStart[t], Count(_leafStart, _leaves.Length, t)).ToArray());
        }
    }

    /// <summary>The highest feature index a split reads (−1 without splits).</summary>
    public int MaxFeature => _nodes.Length == 0 ? -1 : _nodes.Max(n => n.Feature);

    /// <summary>Adds tree <paramref name="tree"/>'s output for each row of a row-major matrix to <paramref name="scores"/>.</summary>
    public void AddTree(int tree, in TreeRows rows, Span<double> scores)
    {
        var splits = Count(_nodeStart, _nodes.Length, tree);
        if (splits == 0)
        {
            for (var r = 0; r < scores.Length; r++)
            {
                scores[r] += 0.0;
            }

            return;
        }

        _walk[tree]!.Add(rows, scores, 1, 0);
    }

    /// <summary>The sum of the first <paramref name="trees"/> trees for each row, computed on up to <paramref name="threads"/> threads.</summary>
    public double[] Scores(float[] rows, int rowCount, int width, int trees, int threads)
    {
        var scores = new double[rowCount];
        var blocks = (rowCount + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, block =>
        {
            var start = block * BlockRows;
            var count = Math.Min(BlockRows, rowCount - start);
            var part = scores.AsSpan(start, count);
            using var input = TreeRows.Of(rows.AsSpan(start * width, count * width), width);

            // Tree by tree over a block of rows keeps one tree's nodes in cache; each row still sums in tree order.
            for (var t = 0; t < trees; t++)
            {
                AddTree(t, input, part);
            }
        });
        return scores;
    }

    // A child is a later node (FastTree numbers nodes in the order it splits them) or a leaf: walks end.
    private static bool ValidChild(int child, int node, int nodeCount, int leafCount) =>
        child < 0 ? ~child < leafCount : child > node && child < nodeCount;

    private static int Count(int[] starts, int total, int index) => (index + 1 < starts.Length ? starts[index + 1] : total) - starts[index];

    private static WalkTree?[] WalkForm(Node[] nodes, int[] nodeStart, double[] leaves, int[] leafStart)
    {
        var walk = new WalkTree?[nodeStart.Length];
        for (var t = 0; t < walk.Length; t++)
        {
            var splits = nodes.AsSpan(nodeStart[t], Count(nodeStart, nodes.Length, t)).ToArray();
            if (splits.Length > 0)
            {
                var treeLeaves = leaves.AsSpan(leafStart[t], splits.Length + 1).ToArray();
                walk[t] = WalkTree.Build([.. splits.Select(n => n.Feature)], [.. splits.Select(n => n.Threshold)], [.. splits.Select(n => n.Left)], [.. splits.Select(n => n.Right)], treeLeaves, null, [])
                    ?? throw new InvalidOperationException($"FastTree tree {t} does not fit tabml's tree walk ({splits.Length} splits)");
            }
        }

        return walk;
    }

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
}

/// <summary>One split of a FastTree tree: left when x[feature] ≤ threshold; a negative child −(leaf + 1) is a leaf.</summary>
internal readonly record struct ForestSplit(int Feature, float Threshold, int Left, int Right);
