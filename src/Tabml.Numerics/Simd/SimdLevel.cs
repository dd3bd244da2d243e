namespace Tabml.Numerics.Simd;

/// <summary>The instruction sets the kernels are written for, widest last.</summary>
public enum SimdLevel
{
    Scalar,
    Vector256,
    Vector512,
}
