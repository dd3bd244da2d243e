using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tabml.Numerics.Activations;

/// <summary>
/// Expands a stored dropout mask (one bit per unit, rows of ⌈columns/32⌉ words, bit j % 32 of word j / 32 set
/// when unit j is kept) into lane masks, so masks cost a bit per unit in memory and are the same bits on
/// every instruction set.
/// </summary>
internal static class DropoutBits
{
    /// <summary>True in the lanes whose unit is dropped (16 units from <paramref name="column"/>, a multiple of 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Dropped512(uint word, int column)
    {
        var bits = Vector512.Create(word >> (column & 31)) & Vector512.Create(1u, 2u, 4u, 8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u, 2048u, 4096u, 8192u, 16384u, 32768u);
        return Vector512.Equals(bits, Vector512<uint>.Zero).AsSingle();
    }

    /// <summary>The same for 8 units from <paramref name="column"/>, a multiple of 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Dropped256(uint word, int column)
    {
        var bits = Vector256.Create(word >> (column & 31)) & Vector256.Create(1u, 2u, 4u, 8u, 16u, 32u, 64u, 128u);
        return Vector256.Equals(bits, Vector256<uint>.Zero).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Kept(uint word, int column) => ((word >> (column & 31)) & 1u) != 0;
}
