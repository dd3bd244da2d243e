using System.Runtime.Intrinsics;

namespace Tabml.Numerics.Activations;

/// <summary>
/// An element-wise activation f and its derivative at the scalar, Vector256 and Vector512 widths, so one
/// generic kernel streams any activation at the width the hardware runs.
/// </summary>
public interface IActivationFunction
{
    static abstract float Value(float x);

    static abstract float Derivative(float x);

    static abstract Vector256<float> Value(Vector256<float> x);

    static abstract Vector256<float> Derivative(Vector256<float> x);

    static abstract Vector512<float> Value(Vector512<float> x);

    static abstract Vector512<float> Derivative(Vector512<float> x);

    /// <summary>f(x) and f'(x) together (they share the transcendental work).</summary>
    static abstract (Vector512<float> Value, Vector512<float> Derivative) Both(Vector512<float> x);

    static abstract (Vector256<float> Value, Vector256<float> Derivative) Both(Vector256<float> x);
}
