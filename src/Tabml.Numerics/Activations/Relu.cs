using System.Runtime.Intrinsics;

namespace Tabml.Numerics.Activations;

/// <summary>ReLU: max(x, 0), derivative 1 for x &gt; 0 (torch's convention: 0 at 0).</summary>
public readonly struct Relu : IActivationFunction
{
    public static float Value(float x) => x > 0 ? x : 0f;

    public static float Derivative(float x) => x > 0 ? 1f : 0f;

    public static Vector256<float> Value(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);

    public static Vector256<float> Derivative(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);

    public static Vector512<float> Value(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);

    public static (Vector512<float> Value, Vector512<float> Derivative) Both(Vector512<float> x) => (Value(x), Derivative(x));

    public static (Vector256<float> Value, Vector256<float> Derivative) Both(Vector256<float> x) => (Value(x), Derivative(x));

    public static Vector512<float> Derivative(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
}
