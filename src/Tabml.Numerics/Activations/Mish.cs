using System.Runtime.Intrinsics;

namespace Tabml.Numerics.Activations;

/// <summary>
/// Mish: x·tanh(softplus(x)), with torch's softplus threshold (softplus(x) = x for x &gt; 20, so mish(x) = x
/// and mish'(x) = 1 there in float32). Uses tanh(log(1 + u)) = u(u + 2) / (u(u + 2) + 2) with u = eˣ, and
/// tanh'(softplus)·softplus' = (1 − t²)·u/(1 + u).
/// </summary>
public readonly struct Mish : IActivationFunction
{
    private const float Threshold = 20f;

    public static float Value(float x)
    {
        if (x > Threshold)
        {
            return x;
        }

        var u = MathF.Exp(x);
        var n = u * (u + 2f);
        return x * (n / (n + 2f));
    }

    public static float Derivative(float x)
    {
        if (x > Threshold)
        {
            return 1f;
        }

        var u = MathF.Exp(x);
        var n = u * (u + 2f);
        var t = n / (n + 2f);
        return t + (x * (1f - (t * t)) * (u / (1f + u)));
    }

    public static Vector256<float> Value(Vector256<float> x)
    {
        var u = Vector256.Exp(Vector256.Min(x, Vector256.Create(Threshold)));
        var n = u * (u + Vector256.Create(2f));
        var value = x * (n / (n + Vector256.Create(2f)));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(Threshold)), x, value);
    }

    public static Vector256<float> Derivative(Vector256<float> x)
    {
        var one = Vector256<float>.One;
        var u = Vector256.Exp(Vector256.Min(x, Vector256.Create(Threshold)));
        var n = u * (u + Vector256.Create(2f));
        var t = n / (n + Vector256.Create(2f));
        var derivative = t + (x * (one - (t * t)) * (u / (one + u)));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(Threshold)), one, derivative);
    }

    public static Vector512<float> Value(Vector512<float> x)
    {
        var u = Vector512.Exp(Vector512.Min(x, Vector512.Create(Threshold)));
        var n = u * (u + Vector512.Create(2f));
        var value = x * (n / (n + Vector512.Create(2f)));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(Threshold)), x, value);
    }

    public static (Vector512<float> Value, Vector512<float> Derivative) Both(Vector512<float> x)
    {
        var one = Vector512<float>.One;
        var large = Vector512.GreaterThan(x, Vector512.Create(Threshold));
        var u = Vector512.Exp(Vector512.Min(x, Vector512.Create(Threshold)));
        var n = u * (u + Vector512.Create(2f));
        var t = n / (n + Vector512.Create(2f));
        var derivative = t + (x * (one - (t * t)) * (u / (one + u)));
        return (Vector512.ConditionalSelect(large, x, x * t), Vector512.ConditionalSelect(large, one, derivative));
    }

    public static (Vector256<float> Value, Vector256<float> Derivative) Both(Vector256<float> x)
    {
        var one = Vector256<float>.One;
        var large = Vector256.GreaterThan(x, Vector256.Create(Threshold));
        var u = Vector256.Exp(Vector256.Min(x, Vector256.Create(Threshold)));
        var n = u * (u + Vector256.Create(2f));
        var t = n / (n + Vector256.Create(2f));
        var derivative = t + (x * (one - (t * t)) * (u / (one + u)));
        return (Vector256.ConditionalSelect(large, x, x * t), Vector256.ConditionalSelect(large, one, derivative));
    }

    public static Vector512<float> Derivative(Vector512<float> x)
    {
        var one = Vector512<float>.One;
        var u = Vector512.Exp(Vector512.Min(x, Vector512.Create(Threshold)));
        var n = u * (u + Vector512.Create(2f));
        var t = n / (n + Vector512.Create(2f));
        var derivative = t + (x * (one - (t * t)) * (u / (one + u)));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(Threshold)), one, derivative);
    }
}
