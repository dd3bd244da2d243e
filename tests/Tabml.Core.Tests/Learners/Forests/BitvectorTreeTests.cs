using Tabml.Learners.Forests;

namespace Tabml.Core.Tests.Learners.Forests;

/// <summary>The bitvector form (groups of 8 rows, one or two leaf words) reaches the leaf a plain walk reaches.</summary>
public sealed class BitvectorTreeTests
{
    [Theory]
    [InlineData(1, false, 0)]
    [InlineData(6, true, 1)]
    [InlineData(63, false, 2)] // 64 leaves: one whole word
    [InlineData(64, true, 3)] // 65 leaves: the first leaf of word 1
    [InlineData(99, false, 4)]
    [InlineData(127, true, 5)] // 128 leaves: two whole words
    [InlineData(128, false, 6)] // 129 leaves: walked, not in bitvector form
    public void Groups_of_rows_add_exactly_the_leaf_a_plain_walk_reaches(int splits, bool categorical, int seed)
    {
        var random = new Random(seed);
        const int width = 7;
        var (column, threshold, left, right, sets, bits) = WalkTreeTests.RandomTree(random, splits, width, categorical);
        var leaves = Enumerable.Range(0, splits + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var tree = WalkTree.Build(column, threshold, left, right, leaves, categorical ? sets : null, bits)!;
        Assert.Equal(splits < BitvectorTree.MaxLeaves, BitvectorTree.Build(column, threshold, left, right, leaves, sets, bits) is not null);

        // Row counts around whole groups of 8 (the rest walked), odd and even numbers of groups.
        foreach (var count in new[] { 0, 1, 7, 8, 9, 16, 61, 200 })
        {
            var rows = WalkTreeTests.RandomRows(random, count, width);
            foreach (var stride in new[] { 1, 3 })
            {
                var expected = new double[count * stride];
                var scores = new double[count * stride];
                for (var r = 0; r < count; r++)
                {
                    scores[(r * stride) + stride - 1] = 1;
                    expected[(r * stride) + stride - 1] = 1 + leaves[WalkTreeTests.PlainWalk(rows.AsSpan(r * width, width), column, threshold, left, right, sets, bits)];
                }

                using var block = new TreeRows(rows, width, groups: BitvectorTree.IsSupported);
                Assert.Equal(BitvectorTree.IsSupported ? count / 8 : 0, block.Groups);
                tree.Add(block, scores, stride, stride - 1);
                Assert.Equal(expected, scores);
            }
        }
    }

    [Fact]
    public void Groups_hold_each_column_of_8_rows_together_as_doubles()
    {
        var rows = Enumerable.Range(0, 17 * 3).Select(i => i + 0.25f).ToArray();

        using var block = new TreeRows(rows, 3, groups: true);

        Assert.Equal(2, block.Groups);
        Assert.Equal(17, block.Count);
        // Group 1, column 2, lane 5 is row 13's third value.
        Assert.Equal(rows[(13 * 3) + 2], block.Columns[(((1 * 3) + 2) * 8) + 5]);
        Assert.Equal(2 * 3 * 8, block.Columns.Length);
    }
}
