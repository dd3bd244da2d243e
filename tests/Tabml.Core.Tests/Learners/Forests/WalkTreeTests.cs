using Tabml.Learners.Forests;

namespace Tabml.Core.Tests.Learners.Forests;

/// <summary>The walk form reaches the leaf a plain walk of the tree reaches, on the AVX2 and the scalar path.</summary>
public sealed class WalkTreeTests
{
    [Theory]
    [InlineData(1, false, 0)]
    [InlineData(7, false, 1)]
    [InlineData(49, true, 2)]
    [InlineData(99, true, 3)]
    public void Both_paths_add_exactly_the_leaf_a_plain_walk_reaches(int splits, bool categorical, int seed)
    {
        var random = new Random(seed);
        const int width = 5;
        var (column, threshold, left, right, sets, bits) = RandomTree(random, splits, width, categorical);
        var leaves = Enumerable.Range(0, splits + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var tree = WalkTree.Build(column, threshold, left, right, leaves, categorical ? sets : null, bits)!;

        // Every row count up to 70 runs the 32-row groups and the one-row tail.
        for (var count = 0; count <= 70; count++)
        {
            var rows = RandomRows(random, count, width);
            var expected = new double[count * 2];
            for (var r = 0; r < count; r++)
            {
                expected[(r * 2) + 1] = 1 + leaves[PlainWalk(rows.AsSpan(r * width, width), column, threshold, left, right, sets, bits)];
            }

            foreach (var vector in new[] { false, true })
            {
                var scores = new double[count * 2];
                for (var r = 0; r < count; r++)
                {
                    scores[(r * 2) + 1] = 1;
                }

                tree.Add(rows, width, scores, stride: 2, offset: 1, vector);
                Assert.Equal(expected, scores);
            }
        }
    }

    [Fact]
    public void Children_that_do_not_form_a_tree_are_refused()
    {
        // Split 1 is reached twice (from both sides of the root) and leaf 2 never.
        Assert.Null(WalkTree.Build([0, 0], [0.5f, 0.5f], [1, ~0], [1, ~1], [1, 2, 3], null, []));
        Assert.NotNull(WalkTree.Build([0, 0], [0.5f, 0.5f], [1, ~0], [~2, ~1], [1, 2, 3], null, []));
    }

    internal static int PlainWalk(ReadOnlySpan<float> row, int[] column, float[] threshold, int[] left, int[] right, CategorySet[] sets, uint[] bits)
    {
        var node = 0;
        while (node >= 0)
        {
            var v = row[column[node]];
            bool goLeft;
            if (sets[node].Words > 0)
            {
                var code = float.IsNaN(v) || v <= -1f ? -1 : (long)Math.Min(v, 1e9f);
                goLeft = code >= 0 && code / 32 < sets[node].Words && ((bits[sets[node].Start + (code / 32)] >> (int)(code % 32)) & 1) != 0;
            }
            else
            {
                goLeft = v <= threshold[node];
            }

            node = goLeft ? left[node] : right[node];
        }

        return ~node;
    }

    /// <summary>Random rows whose values include NaN, ±∞, −0.5, −1 and codes beyond the sets.</summary>
    internal static float[] RandomRows(Random random, int count, int width) =>
        Enumerable.Range(0, count * width).Select(_ => random.Next(13) switch
        {
            0 => float.NaN,
            1 => float.PositiveInfinity,
            2 => float.NegativeInfinity,
            3 => -0.5f,
            4 => -1f,
            5 => random.Next(200),
            _ => random.Next(-2, 40) + (float)random.NextDouble(),
        }).ToArray();

    /// <summary>A random tree: node k's children are later splits or leaves; with categorical splits every third split tests a random set.</summary>
    internal static (int[] Column, float[] Threshold, int[] Left, int[] Right, CategorySet[] Sets, uint[] Bits) RandomTree(Random random, int splits, int width, bool categorical)
    {
        var (column, threshold, left, right) = (new int[splits], new float[splits], new int[splits], new int[splits]);
        var sets = new CategorySet[splits];
        var bits = new List<uint>();
        var open = new List<(int Parent, bool Left)>();
        var leaf = 0;
        for (var k = 0; k < splits; k++)
        {
            if (k > 0)
            {
                var at = random.Next(open.Count);
                var (parent, isLeft) = open[at];
                open.RemoveAt(at);
                (isLeft ? left : right)[parent] = k;
            }

            column[k] = random.Next(width);
            threshold[k] = random.Next(-1, 40) + 0.5f;
            if (categorical && k % 3 == 1)
            {
                var words = random.Next(1, 3);
                sets[k] = new CategorySet(bits.Count, words);
                bits.AddRange(Enumerable.Range(0, words).Select(_ => (uint)random.NextInt64(uint.MaxValue)));
                threshold[k] = float.NaN;
            }

            open.Add((k, true));
            open.Add((k, false));
        }

        foreach (var (parent, isLeft) in open)
        {
            (isLeft ? left : right)[parent] = ~leaf++;
        }

        return (column, threshold, left, right, sets, [.. bits]);
    }
}
