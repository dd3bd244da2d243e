using System.Runtime.Intrinsics;

namespace Tabml.Numerics.Activations;

/// <summary>SELU: λx for x &gt; 0, λα(eˣ − 1) otherwise (torch's constants).</summary>
public readonly struct Selu : IActivationFunction
{
    public const float Lambda = 1.0507009873554805f;
    public const float Alpha = 1.6732632423543772f;
    private const float LambdaAlpha = Lambda * Alpha;

    public static float Value(float x) => x > 0 ? Lambda * x : LambdaAlpha * (MathF.Exp(x) - 1f);

    public static float Derivative(float x) => x > 0 ? Lambda : LambdaAlpha * MathF.Exp(x);

    public static Vector256<float> Value(Vector256<float> x)
    {
        var negative = Vector256.Create(LambdaAlpha) * (Vector256.Exp(Vector256.Min(x, Vector256<float>.Zero)) - Vector256<float>.One);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(Lambda) * x, negative);
    }

    public static Vector256<float> Derivative(Vector256<float> x)
    {
        var negative = Vector256.Create(LambdaAlpha) * Vector256.Exp(Vector256.Min(x, Vector256<float>.Zero));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(Lambda), negative);
    }

    public static Vector512<float> Value(Vector512<float> x)
    {
        var negative = Vector512.Create(LambdaAlpha) * (Vector512.Exp(Vector512.Min(x, Vector512<float>.Zero)) - Vector512<float>.One);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512.Create(Lambda) * x, negative);
    }

    public static (Vector512<float> Value, Vector512<float> Derivative) Both(Vector512<float> x)
    {
        var positive = Vector512.GreaterThan(x, Vector512<float>.Zero);
        var scaledExp = Vector512.Create(LambdaAlpha) * Vector512.Exp(Vector512.Min(x, Vector512<float>.Zero));
        var value = Vector512.ConditionalSelect(positive, Vector512.Create(Lambda) * x, scaledExp - Vector512.Create(LambdaAlpha));
        return (value, Vector512.ConditionalSelect(positive, Vector512.Create(Lambda), scaledExp));
    }

    public static (Vector256<float> Value, Vector256<float> Derivative) Both(Vector256<float> x)
    {
        var positive = Vector256.GreaterThan(x, Vector256<float>.Zero);
        var scaledExp = Vector256.Create(LambdaAlpha) * Vector256.Exp(Vector256.Min(x, Vector256<float>.Zero));
        var value = Vector256.ConditionalSelect(positive, Vector256.Create(Lambda) * x, scaledExp - Vector256.Create(LambdaAlpha));
        return (value, Vector256.ConditionalSelect(positive, Vector256.Create(Lambda), scaledExp));
    }

    public static Vector512<float> Derivative(Vector512<float> x)
    {
        var negative = Vector512.Create(LambdaAlpha) * Vector512.Exp(Vector512.Min(x, Vector512<float>.Zero));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512.Create(Lambda), negative);
    }
}
