using System.Diagnostics.CodeAnalysis;

namespace Tabml.Numerics;

/// <summary>Throws for the checked entry points, out of line so the hot methods stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Argument(string message) => throw new ArgumentException(message);

    /// <summary>Throws when a span holds fewer than <paramref name="required"/> floats.</summary>
    public static void IfShorter(int length, long required, string what)
    {
        if (length < required)
        {
            TooShort(length, required, what);
        }
    }

    [DoesNotReturn]
    private static void TooShort(int length, long required, string what) =>
        throw new ArgumentException($"{what} holds {length} elements, {required} are needed");
}
