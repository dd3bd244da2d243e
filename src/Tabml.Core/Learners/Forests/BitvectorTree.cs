using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Tabml.Numerics.Simd;

namespace Tabml.Learners.Forests;

/// <summary>
/// A tree of at most 128 leaves in QuickScorer's form (Lucchese et al., SIGIR 2015), evaluated on 8 rows at
/// once with AVX-512 and no branch per node. The leaves are numbered left to right; every split holds a mask
/// that clears the leaves of its left subtree. A row starts with all leaves set, and each split whose test
/// sends it right ANDs its mask in; the leftmost leaf still set is the leaf the walk reaches (every leaf left
/// of it lies in the left subtree of a split where the path turns right, and no split clears the leaf the
/// path reaches: it is never in the left subtree of a split that sends the row right). Every split is
/// evaluated, in any order, so a tree costs a fixed ~3 instructions per split for 8 rows instead of a chain
/// of dependent loads per level. Leaf k is bit 63 − (k mod 64) of word k / 64, so the leftmost leaf is a
/// leading-zero count. Tests are the walk's: "value ≤ threshold" goes left (NaN goes right), a category set
/// takes the value's integer part (NaN, values ≤ −1 and codes beyond the set go right).
/// </summary>
internal sealed unsafe class BitvectorTree
{
    public const int MaxLeaves = 128;

    /// <summary>Rows per group: the lanes of one AVX-512 register of doubles.</summary>
    public const int Lanes = 8;

    private readonly NumericSplit[] _numeric;
    private readonly CategorySplit[] _categorical;
    private readonly double[] _leaves;
    private readonly uint[] _bits;
    private readonly bool _twoWords;

    private BitvectorTree(NumericSplit[] numeric, CategorySplit[] categorical, double[] leaves, uint[] bits)
    {
        _numeric = numeric;
        _categorical = categorical;
        _leaves = leaves;
        _bits = bits;
        _twoWords = leaves.Length > 64;
    }

    /// <summary>Whether this process evaluates trees in this form: AVX-512 hardware and kernels not narrowed by TABML_SIMD.</summary>
    public static bool IsSupported { get; } =
        SimdSupport.Active == SimdLevel.Vector512 && Avx512F.IsSupported && Avx512CD.IsSupported && Avx2.IsSupported;

    /// <summary>
    /// The form of a valid tree (see <see cref="WalkTree.Build"/> for the arguments), or null when it has more
    /// than <see cref="MaxLeaves"/> leaves.
    /// </summary>
    public static BitvectorTree? Build(int[] column, float[] threshold, int[] left, int[] right, double[] leaves, CategorySet[]? sets, uint[] bits)
    {
        if (leaves.Length > MaxLeaves)
        {
            return null;
        }

        var numeric = new List<NumericSplit>();
        var categorical = new List<CategorySplit>();
        var ordered = new double[leaves.Length];
        var next = 0;

        // In-order from the root: a split's left subtree holds leaves [first, end of the left walk).
        void Visit(int child)
        {
            if (child < 0)
            {
                ordered[next++] = leaves[~child];
                return;
            }

            var first = next;
            Visit(left[child]);
            var (mask0, mask1) = (Clear(first, next, 0), Clear(first, next, 64));
            if (sets is not null && sets[child].Words > 0)
            {
                categorical.Add(new CategorySplit(mask0, mask1, column[child] * Lanes, sets[child].Start, sets[child].Words));
            }
            else
            {
                numeric.Add(new NumericSplit(threshold[child], mask0, mask1, column[child] * Lanes));
            }

            Visit(right[child]);
        }

        Visit(0);
        return new BitvectorTree([.. numeric], [.. categorical], ordered, [.. bits, 0]);
    }

    /// <summary>
    /// For each row r of the first <paramref name="groups"/> groups (<see cref="TreeRows"/> layout):
    /// scores[r · stride + offset] += the value of the leaf r reaches.
    /// </summary>
    public void Add(ReadOnlySpan<double> columns, int width, int groups, Span<double> scores, int stride, int offset)
    {
        if ((long)groups * width * Lanes > columns.Length || (groups > 0 && ((((groups * Lanes) - 1) * (long)stride) + offset) >= scores.Length))
        {
            throw new ArgumentException("fewer columns or scores than groups of rows");
        }

        if (_twoWords)
        {
            Add<TwoWords>(columns, width, groups, scores, stride, offset);
        }
        else
        {
            Add<OneWord>(columns, width, groups, scores, stride, offset);
        }
    }

    private void Add<TWords>(ReadOnlySpan<double> columns, int width, int groups, Span<double> scores, int stride, int offset)
        where TWords : struct
    {
        var two = typeof(TWords) == typeof(TwoWords);
        fixed (double* x = columns)
        fixed (double* score = scores)
        fixed (NumericSplit* numeric = _numeric)
        fixed (CategorySplit* categorical = _categorical)
        fixed (double* leaves = _leaves)
        fixed (uint* bits = _bits)
        {
            // Two groups per pass share each split's loads; an odd last group is evaluated twice and added once.
            var numericEnd = numeric + _numeric.Length;
            for (var g = 0; g < groups; g += 2)
            {
                var a = x + ((long)g * width * Lanes);
                var b = g + 1 < groups ? a + (width * Lanes) : a;
                var (a0, a1, b0, b1) = (Vector512<ulong>.AllBitsSet, Vector512<ulong>.AllBitsSet, Vector512<ulong>.AllBitsSet, Vector512<ulong>.AllBitsSet);
                for (var split = numeric; split < numericEnd; split++)
                {
                    // Lanes that go left keep every leaf (all ones); the others lose the left subtree's leaves.
                    var threshold = Vector512.Create(split->Threshold);
                    var leftA = Vector512.LessThanOrEqual(Vector512.Load(a + split->Column), threshold).AsUInt64();
                    var leftB = Vector512.LessThanOrEqual(Vector512.Load(b + split->Column), threshold).AsUInt64();
                    var mask0 = Vector512.Create(split->Mask0);
                    a0 &= leftA | mask0;
                    b0 &= leftB | mask0;
                    if (two)
                    {
                        var mask1 = Vector512.Create(split->Mask1);
                        a1 &= leftA | mask1;
                        b1 &= leftB | mask1;
                    }
                }

                for (var i = 0; i < _categorical.Length; i++)
                {
                    var leftA = InSet(categorical[i], Vector512.Load(a + categorical[i].Column), bits);
                    var leftB = InSet(categorical[i], Vector512.Load(b + categorical[i].Column), bits);
                    a0 &= leftA | Vector512.Create(categorical[i].Mask0);
                    b0 &= leftB | Vector512.Create(categorical[i].Mask0);
                    if (two)
                    {
                        a1 &= leftA | Vector512.Create(categorical[i].Mask1);
                        b1 &= leftB | Vector512.Create(categorical[i].Mask1);
                    }
                }

                AddLeaves<TWords>(a0, a1, leaves, score + ((long)g * Lanes * stride) + offset, stride);
                if (g + 1 < groups)
                {
                    AddLeaves<TWords>(b0, b1, leaves, score + ((long)(g + 1) * Lanes * stride) + offset, stride);
                }
            }
        }
    }

    /// <summary>Adds the value of each lane's leftmost remaining leaf to its score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLeaves<TWords>(Vector512<ulong> word0, Vector512<ulong> word1, double* leaves, double* at, int stride)
        where TWords : struct
    {
        var leaf = Avx512CD.LeadingZeroCount(word0);
        if (typeof(TWords) == typeof(TwoWords))
        {
            // A count of 64 means no leaf of word 0 is left: the leaf is 64 + the count of word 1.
            leaf += Vector512.Equals(leaf, Vector512.Create(64UL)) & Avx512CD.LeadingZeroCount(word1);
        }

        var index = Avx512F.ConvertToVector256Int32(leaf);
        var values = Vector512.Create(Avx2.GatherVector256(leaves, index.GetLower(), 8), Avx2.GatherVector256(leaves, index.GetUpper(), 8));
        if (stride == 1)
        {
            Vector512.Store(Vector512.Load(at) + values, at);
            return;
        }

        for (var lane = 0; lane < Lanes; lane++)
        {
            at[lane * stride] += values.GetElement(lane);
        }
    }

    /// <summary>All ones in lanes whose value's integer part is in the split's set (<see cref="CategoryMembership"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> InSet(in CategorySplit split, Vector512<double> v, uint* bits)
    {
        // cvttpd2dq gives int.MinValue for NaN and out-of-range values; NaN and values ≤ −1 become −1.
        var valid = Avx512F.ConvertToVector256Int32(Vector512.GreaterThan(v, Vector512.Create(-1.0)).AsInt64());
        var code = Avx2.BlendVariable(Vector256.Create(-1), Avx512F.ConvertToVector256Int32WithTruncation(v), valid);
        var inSet = CategoryMembership.Contains(code, Vector256.Create(split.Start), Vector256.Create(split.Words), bits);
        return Avx512F.ConvertToVector512Int64(inSet).AsUInt64();
    }

    /// <summary>The word at bit <paramref name="wordStart"/> of the mask that clears leaves [first, end): leaf k is bit 63 − (k − wordStart).</summary>
    private static ulong Clear(int first, int end, int wordStart)
    {
        var mask = ulong.MaxValue;
        for (var k = Math.Max(first, wordStart); k < Math.Min(end, wordStart + 64); k++)
        {
            mask &= ~(1UL << (63 - (k - wordStart)));
        }

        return mask;
    }

    private readonly record struct NumericSplit(double Threshold, ulong Mask0, ulong Mask1, int Column);

    private readonly record struct CategorySplit(ulong Mask0, ulong Mask1, int Column, int Start, int Words);

    private struct OneWord;

    private struct TwoWords;
}
