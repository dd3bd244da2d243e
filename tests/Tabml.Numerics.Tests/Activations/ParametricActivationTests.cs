using Tabml.Numerics.Activations;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.Activations;

/// <summary>The fused activation kernels, per instruction set, for every row length 0..256, against float64 loops.</summary>
public sealed class ParametricActivationTests
{
    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Forward_and_backward_match_the_reference_for_every_length(SimdLevel level)
    {
        var rng = new DeterministicRandom(8);
        for (var cols = 0; cols <= 256; cols++)
        {
            Check<Selu>(level, rng, rows: 2, cols, parametric: cols % 2 == 0, x => Selu.Value((float)x), x => Selu.Derivative((float)x));
            Check<Mish>(level, rng, rows: 1, cols, parametric: true, x => Mish.Value((float)x), x => Mish.Derivative((float)x));
        }
    }

    private static void Check<TFunction>(SimdLevel level, DeterministicRandom rng, int rows, int cols, bool parametric, Func<double, double> f, Func<double, double> df)
        where TFunction : struct, IActivationFunction
    {
        var n = rows * cols;
        var raw = Draw(rng, n, 4);
        var bias = Draw(rng, cols, 1);
        var alpha = parametric ? Draw(rng, cols, 1) : [];
        var upstream = Draw(rng, n, 1);
        var z = (float[])raw.Clone();
        var a = new float[n];
        const float scale = 0.37f;

        ParametricActivation.Forward<TFunction>(level, z, scale, bias, alpha, a, rows, cols);
        var gradient = (float[])upstream.Clone();
        var dAlpha = new float[parametric ? cols : 0];
        var dBias = new float[cols];
        ParametricActivation.Backward<TFunction>(level, gradient, z, alpha, dAlpha, dBias, scale, rows, cols);

        var expectedAlpha = new double[cols];
        var expectedBias = new double[cols];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < cols; j++)
            {
                var i = (r * cols) + j;
                var zr = (raw[i] * (double)scale) + bias[j];
                var al = parametric ? alpha[j] : 1.0;
                var fz = f(zr);
                Near(zr, z[i], $"z {cols}");
                Near(zr + (al * (fz - zr)), a[i], $"a {cols}");
                var dz = upstream[i] * (1 + (al * (df(zr) - 1)));
                Near(dz * scale, gradient[i], $"dz {cols}");
                expectedAlpha[j] += upstream[i] * (fz - zr);
                expectedBias[j] += dz;
            }
        }

        for (var j = 0; j < cols; j++)
        {
            Near(expectedBias[j], dBias[j], $"db {cols}");
            if (parametric)
            {
                Near(expectedAlpha[j], dAlpha[j], $"dα {cols}");
            }
        }
    }

    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 2e-5 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    private static float[] Draw(DeterministicRandom rng, int n, double spread) =>
        Enumerable.Range(0, n).Select(_ => (float)(rng.NextGaussian() * spread)).ToArray();
}
