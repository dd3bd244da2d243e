using System.Runtime.Intrinsics;
using Tabml.Numerics.Activations;

namespace Tabml.Numerics.Tests.Activations;

/// <summary>SELU and Mish values against their float64 formulas and derivatives against central differences.</summary>
public sealed class ActivationFunctionTests
{
    private static readonly float[] Points = [-30f, -8f, -2.5f, -1f, -0.3f, -1e-3f, 1e-3f, 0.4f, 1f, 3f, 7.5f, 19.9f, 20.5f, 40f];

    [Fact]
    public void Selu_matches_its_formula_and_derivative()
    {
        foreach (var x in Points)
        {
            Assert.Equal(SeluReference(x), Selu.Value(x), 5 * Math.Max(1, Math.Abs(SeluReference(x))) * 1e-6);
            Assert.Equal(CentralDifference(SeluReference, x), Selu.Derivative(x), 1e-4 * Math.Max(1, Math.Abs(Selu.Derivative(x))));
        }
    }

    [Fact]
    public void Mish_matches_torchs_formula_and_derivative_including_the_softplus_threshold()
    {
        foreach (var x in Points)
        {
            Assert.Equal(MishReference(x), Mish.Value(x), 5e-6 * Math.Max(1, Math.Abs(x)));
            Assert.Equal(CentralDifference(MishReference, x), Mish.Derivative(x), 1e-4);
        }

        Assert.Equal(40f, Mish.Value(40f));
        Assert.Equal(1f, Mish.Derivative(40f));
    }

    [Fact]
    public void Vector_widths_agree_with_the_scalar_functions()
    {
        var x512 = Vector512.Create(Points.Concat(Points).Take(16).ToArray());
        var x256 = Vector256.Create(Points.Take(8).ToArray());
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(Selu.Value(x512[i]), Selu.Value(x512)[i], 1e-5 * Math.Max(1, Math.Abs(x512[i])));
            Assert.Equal(Mish.Derivative(x512[i]), Mish.Derivative(x512)[i], 1e-5);
        }

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(Mish.Value(x256[i]), Mish.Value(x256)[i], 1e-5 * Math.Max(1, Math.Abs(x256[i])));
            Assert.Equal(Selu.Derivative(x256[i]), Selu.Derivative(x256)[i], 1e-5);
        }
    }

    [Fact]
    public void Both_returns_the_value_and_the_derivative_together()
    {
        var x512 = Vector512.Create(Points.Concat(Points).Take(16).ToArray());
        var x256 = Vector256.Create(Points.Skip(6).Take(8).ToArray());
        Check<Selu>(x512, x256);
        Check<Mish>(x512, x256);
        Check<Relu>(x512, x256);
    }

    private static void Check<T>(Vector512<float> x512, Vector256<float> x256)
        where T : struct, IActivationFunction
    {
        var (v512, d512) = T.Both(x512);
        var (v256, d256) = T.Both(x256);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(T.Value(x512)[i], v512[i], 1e-6 * Math.Max(1, Math.Abs(v512[i])));
            Assert.Equal(T.Derivative(x512)[i], d512[i], 1e-6);
        }

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(T.Value(x256)[i], v256[i], 1e-6 * Math.Max(1, Math.Abs(v256[i])));
            Assert.Equal(T.Derivative(x256)[i], d256[i], 1e-6);
        }
    }

    private static double SeluReference(double x) => x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * (Math.Exp(x) - 1);

    private static double MishReference(double x) => x * Math.Tanh(x > 20 ? x : Math.Log(1 + Math.Exp(x)));

    private static double CentralDifference(Func<double, double> f, double x)
    {
        var h = 1e-6 * Math.Max(1, Math.Abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
    }
}
