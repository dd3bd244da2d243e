using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tabml.Numerics.LinearAlgebra;

/// <summary>Floats starting on a 64-byte boundary, in a pinned array (it never moves).</summary>
public sealed class AlignedFloats
{
    private readonly float[] _storage;
    private readonly int _offset;

    public unsafe AlignedFloats(int length)
    {
        _storage = GC.AllocateArray<float>(length + 16, pinned: true);
        var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        _offset = (int)((64 - (address & 63)) & 63) / sizeof(float);
        Length = length;
    }

    public int Length { get; }

    public Span<float> Span => _storage.AsSpan(_offset, Length);
}
