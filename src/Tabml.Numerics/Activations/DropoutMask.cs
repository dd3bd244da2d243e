namespace Tabml.Numerics.Activations;

/// <summary>
/// A layer's inverted-dropout mask for one batch: bits (kept = 1) in rows of ⌈columns/32⌉ words, and the
/// multiplier 1/(1 − p) of kept units. <see cref="None"/> is the identity (eval mode, or p = 0).
/// </summary>
public readonly ref struct DropoutMask
{
    public DropoutMask(ReadOnlySpan<uint> bits, int columns, float keepScale)
    {
        Bits = bits;
        Words = (columns + 31) >> 5;
        KeepScale = keepScale;
        Active = true;
    }

    public ReadOnlySpan<uint> Bits { get; }

    public int Words { get; }

    public float KeepScale { get; }

    public bool Active { get; }

    public static DropoutMask None => default;

    /// <summary>Mask words needed for rows × columns units.</summary>
    public static int Length(int rows, int columns) => rows * ((columns + 31) >> 5);
}
