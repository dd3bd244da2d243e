using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.Forests;

/// <summary>
/// One tree in the form tabml walks it, for FastTree's and LightGBM's trees alike. Nodes are numbered breadth
/// first so that a split's two children are adjacent: a step goes to left when "value ≤ threshold", else (NaN
/// too) to left + 1; a split with a category set has threshold NaN and goes left when the value's integer part
/// is in the set (NaN, values ≤ −1 and codes beyond the set go right). A leaf steps to itself (threshold NaN,
/// left = itself − 1), so a walk that has reached its leaf stays there without a branch. Each row's score
/// gets exactly one addition per tree, so scores summed tree by tree have the same bits on every path: with
/// AVX-512 a tree of at most 128 leaves evaluates groups of 8 rows in <see cref="BitvectorTree"/> form, AVX2
/// walks 32 rows at once with gathers (a step is a chain of dependent loads; 32 walks hide its latency), the
/// scalar path one row at a time.
/// </summary>
internal sealed unsafe class WalkTree
{
    /// <summary>The most nodes a tree may have and the largest column a split may read (16-bit fields).</summary>
    public const int MaxIndex = ushort.MaxValue;

    private const int MaxSetStart = (1 << 24) - 1;

    // Per node: its column (low 16 bits) and left child (high 16 bits); threshold; leaf value (0 for splits);
    // category set (start word in the low 24 bits, word count in the high 8), present when a split has one.
    private readonly int[] _columnAndLeft;
    private readonly float[] _threshold;
    private readonly double[] _value;
    private readonly int[]? _set;
    private readonly uint[] _bits;
    private readonly BitvectorTree? _bitvector;

    private WalkTree(int[] columnAndLeft, float[] threshold, double[] value, int[]? set, uint[] bits, BitvectorTree? bitvector)
    {
        _columnAndLeft = columnAndLeft;
        _threshold = threshold;
        _value = value;
        _set = set;
        _bits = bits;
        _bitvector = bitvector;
    }

    /// <summary>
    /// The walk form of a tree with splits: split i reads <paramref name="column"/>[i] and compares it with
    /// <paramref name="threshold"/>[i] (NaN for a categorical split, whose set is <paramref name="sets"/>[i] in
    /// <paramref name="bits"/>); its children are later splits (≥ 0) or leaves (~leaf). Null when a field does
    /// not fit or the children do not form a tree of all splits and leaves.
    /// </summary>
    public static WalkTree? Build(int[] column, float[] threshold, int[] left, int[] right, double[] leaves, CategorySet[]? sets, uint[] bits)
    {
        var splits = column.Length;
        var count = splits + leaves.Length;
        if (splits < 1 || leaves.Length != splits + 1 || count > MaxIndex || column.Any(c => c is < 0 or > MaxIndex)
            || (sets is not null && sets.Any(s => s.Words is < 0 or > byte.MaxValue || s.Start is < 0 or > MaxSetStart || s.Start + s.Words > bits.Length)))
        {
            return null;
        }

        var columnAndLeft = new int[count];
        var thresholds = new float[count];
        var values = new double[count];
        var packedSets = sets is null ? null : new int[count];
        var seen = new bool[count];

        // Breadth first: each queued split has its node number; its children take the next two free numbers.
        var queue = new List<(int Split, int Node)>(splits) { (0, 0) };
        var free = 1;
        for (var k = 0; k < queue.Count; k++)
        {
            var (split, node) = queue[k];
            var first = free;
            free += 2;
            for (var side = 0; side < 2; side++)
            {
                var (child, at) = (side == 0 ? left[split] : right[split], first + side);
                if (child >= 0 ? child <= split || child >= splits || seen[child] : ~child >= leaves.Length || seen[splits + ~child])
                {
                    return null;
                }

                if (child >= 0)
                {
                    seen[child] = true;
                    queue.Add((child, at));
                    continue;
                }

                seen[splits + ~child] = true;
                columnAndLeft[at] = (at - 1) << 16;
                thresholds[at] = float.NaN;
                values[at] = leaves[~child];
            }

            columnAndLeft[node] = column[split] | (first << 16);
            thresholds[node] = threshold[split];
            if (packedSets is not null)
            {
                packedSets[node] = sets![split].Start | (sets[split].Words << 24);
            }
        }

        return free == count
            ? new WalkTree(columnAndLeft, thresholds, values, packedSets, [.. bits, 0], BitvectorTree.IsSupported ? BitvectorTree.Build(column, threshold, left, right, leaves, sets, bits) : null)
            : null;
    }

    /// <summary>
    /// For each row r of a block: scores[r · stride + offset] += the value of the leaf r reaches; the groups of
    /// 8 rows in bitvector form where the block has them and the tree has at most 128 leaves, the others walked.
    /// </summary>
    public void Add(in TreeRows rows, Span<double> scores, int stride, int offset)
    {
        if (_bitvector is null || rows.Groups == 0)
        {
            Add(rows.Rows, rows.Width, scores, stride, offset);
            return;
        }

        _bitvector.Add(rows.Columns, rows.Width, rows.Groups, scores, stride, offset);
        var done = rows.Groups * BitvectorTree.Lanes;
        if (done < rows.Count)
        {
            Add(rows.Rows[(done * rows.Width)..], rows.Width, scores[(done * stride)..], stride, offset);
        }
    }

    /// <summary>
    /// For each row r of <paramref name="rows"/> (row-major, <paramref name="width"/> per row):
    /// scores[r · stride + offset] += the value of the leaf r reaches; with AVX2 unless <paramref name="vector"/>
    /// is false or the process runs scalar kernels (TABML_SIMD=scalar).
    /// </summary>
    public void Add(ReadOnlySpan<float> rows, int width, Span<double> scores, int stride, int offset, bool? vector = null)
    {
        var count = rows.Length / width;
        if ((uint)(((count - 1) * stride) + offset) >= (uint)scores.Length && count > 0)
        {
            throw new ArgumentException("fewer scores than rows", nameof(scores));
        }

        fixed (float* x = rows)
        fixed (double* score = scores)
        fixed (int* columnAndLeft = _columnAndLeft)
        fixed (float* threshold = _threshold)
        fixed (double* value = _value)
        fixed (int* set = _set)
        fixed (uint* bits = _bits)
        {
            var nodes = new Nodes(columnAndLeft, threshold, set, bits);
            var row = 0;
            if ((vector ?? SimdSupport.Active != SimdLevel.Scalar) && Avx2.IsSupported && (long)count * width < int.MaxValue)
            {
                row = _set is null ? AddVector<NumericTest>(nodes, x, count, width, value, score, stride, offset)
                    : AddVector<CategoryTest>(nodes, x, count, width, value, score, stride, offset);
            }

            for (; row < count; row++)
            {
                score[(row * stride) + offset] += value[Leaf(nodes, x + ((long)row * width))];
            }
        }
    }

    /// <summary>The leaf one row reaches.</summary>
    private int Leaf(Nodes nodes, float* row)
    {
        var node = 0;
        while (true)
        {
            var packed = nodes.ColumnAndLeft[node];
            var v = row[packed & 0xFFFF];
            var left = v <= nodes.Threshold[node];
            if (nodes.Set is not null)
            {
                var code = v > -1f ? (int)v : -1;
                var set = nodes.Set[node];
                var word = (uint)code >> 5;
                left |= word < (uint)set >> 24 && ((nodes.Bits[(set & MaxSetStart) + word] >> (code & 31)) & 1) != 0;
            }

            var next = (int)((uint)packed >> 16) + (left ? 0 : 1);
            if (next == node)
            {
                return node;
            }

            node = next;
        }
    }

    /// <summary>Walks groups of 32 rows with AVX2 gathers; returns the rows done (a multiple of 32).</summary>
    private static int AddVector<TTest>(Nodes nodes, float* x, int count, int width, double* value, double* score, int stride, int offset)
        where TTest : struct, ISplitTest
    {
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * width;
        var low16 = Vector256.Create(0xFFFF);
        var row = 0;
        for (; row + 32 <= count; row += 32)
        {
            var rows0 = lanes + Vector256.Create(row * width);
            var rows1 = rows0 + Vector256.Create(8 * width);
            var rows2 = rows1 + Vector256.Create(8 * width);
            var rows3 = rows2 + Vector256.Create(8 * width);
            var n0 = Vector256<int>.Zero;
            var n1 = Vector256<int>.Zero;
            var n2 = Vector256<int>.Zero;
            var n3 = Vector256<int>.Zero;
            while (true)
            {
                var next0 = Step<TTest>(nodes, x, rows0, n0, low16);
                var next1 = Step<TTest>(nodes, x, rows1, n1, low16);
                var next2 = Step<TTest>(nodes, x, rows2, n2, low16);
                var next3 = Step<TTest>(nodes, x, rows3, n3, low16);
                var moved = (next0 ^ n0) | (next1 ^ n1) | (next2 ^ n2) | (next3 ^ n3);
                (n0, n1, n2, n3) = (next0, next1, next2, next3);
                if (Avx.TestZ(moved, moved))
                {
                    break;
                }
            }

            AddLeaves(value, n0, score, (row * stride) + offset, stride);
            AddLeaves(value, n1, score, ((row + 8) * stride) + offset, stride);
            AddLeaves(value, n2, score, ((row + 16) * stride) + offset, stride);
            AddLeaves(value, n3, score, ((row + 24) * stride) + offset, stride);
        }

        return row;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Step<TTest>(Nodes nodes, float* x, Vector256<int> rows, Vector256<int> node, Vector256<int> low16)
        where TTest : struct, ISplitTest
    {
        var packed = Avx2.GatherVector256(nodes.ColumnAndLeft, node, 4);
        var threshold = Avx2.GatherVector256(nodes.Threshold, node, 4);
        var v = Avx2.GatherVector256(x, rows + (packed & low16), 4);
        var left = Avx.CompareLessThanOrEqual(v, threshold).AsInt32();
        left |= default(TTest).InSet(nodes, node, v);

        // left is −1 where the walk goes left: child = left index + 1 + (−1 or 0).
        return Avx2.ShiftRightLogical(packed, 16) + Vector256<int>.One + left;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLeaves(double* value, Vector256<int> node, double* score, int at, int stride)
    {
        var low = Avx2.GatherVector256(value, node.GetLower(), 8);
        var high = Avx2.GatherVector256(value, node.GetUpper(), 8);
        if (stride == 1)
        {
            Avx.Store(score + at, Avx.LoadVector256(score + at) + low);
            Avx.Store(score + at + 4, Avx.LoadVector256(score + at + 4) + high);
            return;
        }

        for (var i = 0; i < 4; i++)
        {
            score[at + (i * stride)] += low.GetElement(i);
            score[at + ((i + 4) * stride)] += high.GetElement(i);
        }
    }

    /// <summary>Pointers to a tree's node arrays (pinned for the duration of a walk).</summary>
    private readonly struct Nodes(int* columnAndLeft, float* threshold, int* set, uint* bits)
    {
        public readonly int* ColumnAndLeft = columnAndLeft;
        public readonly float* Threshold = threshold;
        public readonly int* Set = set;
        public readonly uint* Bits = bits;
    }

    /// <summary>The category-set part of a step: −1 in the lanes whose value is in their split's set.</summary>
    private interface ISplitTest
    {
        Vector256<int> InSet(Nodes nodes, Vector256<int> node, Vector256<float> v);
    }

    /// <summary>Trees without category sets: nothing to add to the numeric test.</summary>
    private readonly struct NumericTest : ISplitTest
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> InSet(Nodes nodes, Vector256<int> node, Vector256<float> v) => Vector256<int>.Zero;
    }

    /// <summary>Set membership of the value's integer part (<see cref="CategoryMembership"/>).</summary>
    private readonly struct CategoryTest : ISplitTest
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> InSet(Nodes nodes, Vector256<int> node, Vector256<float> v)
        {
            // cvttps2dq gives int.MinValue for NaN and out-of-range values; NaN and values ≤ −1 become −1.
            var valid = Avx.CompareGreaterThan(v, Vector256.Create(-1f)).AsInt32();
            var code = Avx2.BlendVariable(Vector256.Create(-1), Avx.ConvertToVector256Int32WithTruncation(v), valid);
            var set = Avx2.GatherVector256(nodes.Set, node, 4);
            return CategoryMembership.Contains(code, set & Vector256.Create(MaxSetStart), Avx2.ShiftRightLogical(set, 24), nodes.Bits);
        }
    }
}
