using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.LinearAlgebra;

/// <summary>Each product, per available instruction set, against a naive float64 reference.</summary>
public sealed class GemmTests
{
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (1, 7, 1), (3, 5, 2), (7, 3, 17), (8, 8, 32), (9, 31, 33), (17, 1, 63), (31, 65, 5),
        (33, 17, 65), (64, 0, 3), (0, 5, 7), (255, 3, 31), (6, 129, 16), (13, 257, 40), (256, 57, 256),
        (256, 256, 256), (256, 256, 2), (256, 256, 1), (57, 256, 256),
    ];

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Multiply_matches_the_reference_on_odd_shapes(SimdLevel level)
    {
        var rng = new DeterministicRandom(11);
        foreach (var (m, k, n) in Shapes.Concat(RandomShapes(rng)))
        {
            var a = Random(rng, m * k);
            var b = Random(rng, k * n);
            var c = new float[m * n];

            Gemm.Multiply(level, a, b, c, m, k, n);

            AssertClose(Reference(m, k, n, (i, p) => a[(i * k) + p], (p, j) => b[(p * n) + j]), c, k, $"{level} {m}x{k}x{n}");
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void MultiplyTransposedB_matches_the_reference_on_odd_shapes(SimdLevel level)
    {
        var rng = new DeterministicRandom(12);
        foreach (var (m, k, n) in Shapes.Concat(RandomShapes(rng)))
        {
            var a = Random(rng, m * k);
            var b = Random(rng, n * k);
            var c = new float[m * n];

            Gemm.MultiplyTransposedB(level, a, b, c, m, k, n);

            AssertClose(Reference(m, k, n, (i, p) => a[(i * k) + p], (p, j) => b[(j * k) + p]), c, k, $"{level} {m}x{k}x{n}");
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void MultiplyTransposedA_matches_the_reference_on_odd_shapes(SimdLevel level)
    {
        var rng = new DeterministicRandom(13);
        foreach (var (m, k, n) in Shapes.Concat(RandomShapes(rng)))
        {
            var a = Random(rng, k * m);
            var b = Random(rng, k * n);
            var c = new float[m * n];

            Gemm.MultiplyTransposedA(level, a, b, c, m, k, n);

            AssertClose(Reference(m, k, n, (i, p) => a[(p * m) + i], (p, j) => b[(p * n) + j]), c, k, $"{level} {m}x{k}x{n}");
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Accumulate_adds_to_the_existing_values(SimdLevel level)
    {
        var rng = new DeterministicRandom(14);
        foreach (var (m, k, n) in new[] { (9, 13, 35), (8, 32, 32), (3, 0, 5) })
        {
            var a = Random(rng, m * k);
            var b = Random(rng, k * n);
            var start = Random(rng, m * n);
            var c = (float[])start.Clone();

            Gemm.Multiply(level, a, b, c, m, k, n, accumulate: true);

            var product = Reference(m, k, n, (i, p) => a[(i * k) + p], (p, j) => b[(p * n) + j]);
            AssertClose(product.Select((v, i) => v + start[i]).ToArray(), c, k + 1, $"{level} accumulate {m}x{k}x{n}");
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Results_are_bit_identical_for_one_and_two_threads(SimdLevel level)
    {
        var rng = new DeterministicRandom(15);
        const int m = 300, k = 257, n = 289;
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var one = new float[m * n];
        var two = new float[m * n];

        Gemm.Multiply(level, a, b, one, m, k, n, threads: 1);
        Gemm.Multiply(level, a, b, two, m, k, n, threads: 2);

        Assert.Equal(one, two);
    }

    [Fact]
    public void A_short_span_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[6], 2, 3, 3));
    }

    [Fact]
    public void The_environment_variable_selects_a_narrower_instruction_set()
    {
        Assert.Equal(SimdLevel.Scalar, SimdSupport.Choose("scalar"));
        Assert.True(SimdSupport.Choose("v256") <= SimdLevel.Vector256);
        Assert.Equal(SimdSupport.Choose(null), SimdSupport.Choose("unknown"));
    }

    private static IEnumerable<(int, int, int)> RandomShapes(DeterministicRandom rng) =>
        Enumerable.Range(0, 12).Select(_ => (1 + rng.NextInt(70), 1 + rng.NextInt(70), 1 + rng.NextInt(70)));

    private static float[] Random(DeterministicRandom rng, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((2 * rng.NextDouble()) - 1);
        }

        return values;
    }

    private static double[] Reference(int m, int k, int n, Func<int, int, float> a, Func<int, int, float> b)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    sum += (double)a(i, p) * b(p, j);
                }

                c[(i * n) + j] = sum;
            }
        }

        return c;
    }

    private static void AssertClose(double[] expected, float[] actual, int depth, string what)
    {
        // float32 accumulation of depth products of values in [−1, 1]: error grows like √depth · eps.
        var tolerance = 1e-5 * Math.Sqrt(Math.Max(1, depth)) * 4;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}: element {i} expected {expected[i]} got {actual[i]}");
        }
    }
}
