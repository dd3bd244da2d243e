using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tabml.Learners.Forests;

/// <summary>
/// The category-set test of a split for 8 rows at once (AVX2), shared by the tree walk and the bitvector form:
/// a code is in the set when its word is inside the set's <c>words</c> 32-bit words from <c>start</c> and its bit
/// is 1; codes of −1 (NaN, values ≤ −1) and codes beyond the set are not (word 0 is read in their place).
/// </summary>
internal static unsafe class CategoryMembership
{
    /// <summary>−1 in the lanes whose code is in its split's set, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Contains(Vector256<int> code, Vector256<int> start, Vector256<int> words, uint* bits)
    {
        var word = Avx2.ShiftRightLogical(code, 5);
        var inRange = Avx2.CompareGreaterThan(words, word);
        var set = Avx2.GatherVector256(bits, start + (word & inRange), 4);
        var bit = Avx2.ShiftRightLogicalVariable(set.AsUInt32(), (code & Vector256.Create(31)).AsUInt32()).AsInt32() & Vector256<int>.One;
        return Avx2.CompareEqual(bit, Vector256<int>.One) & inRange;
    }
}
