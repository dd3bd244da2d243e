using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.Activations;

/// <summary>
/// The fused epilogues of a hidden layer, per instruction set, on odd shapes: the forward (bias, parametric
/// activation, dropout bits, D and G) against a float64 loop, and the backward against central finite
/// differences of the float64 loss L = Σ a ⊙ U with respect to the pre-activation's inputs: W, b and α.
/// </summary>
public sealed class FusedEpilogueTests
{
    private const float Scale = 0.3f;
    private const float Keep = 1f / 0.8f;

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Forward_epilogue_matches_the_reference_in_training_and_eval_mode(SimdLevel level)
    {
        foreach (var (rows, depth, columns) in new[] { (9, 7, 5), (32, 75, 40), (13, 33, 64), (1, 1, 1) })
        {
            var c = Case.Create(level, rows, depth, columns, seed: rows + columns);
            var (a, d, g) = c.Forward(training: true);
            var (eval, _, _) = c.Forward(training: false);
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < columns; j++)
                {
                    var z = c.PreActivation(r, j);
                    var f = Selu.Value((float)z);
                    var expected = z + (c.Alpha[j] * (f - z));
                    var kept = c.Kept(r, j);
                    var at = c.Layout.Index(r, j);
                    Near(kept ? expected * Keep : 0, a[at], $"a {level} {rows}x{depth}x{columns}");
                    Near(expected, eval[at], "eval a");
                    Near(1 + (c.Alpha[j] * (Selu.Derivative((float)z) - 1)), d[at], "D");
                    Near(f - z, g[at], "G");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Backward_epilogue_gives_the_finite_difference_gradients_of_weights_bias_and_alpha(SimdLevel level)
    {
        var c = Case.Create(level, rows: 11, depth: 7, columns: 37, seed: 5);
        var (dzScaled, biasSums, alphaSums) = c.Backward();
        var rng = new DeterministicRandom(6);
        for (var check = 0; check < 12; check++)
        {
            var j = rng.NextInt(c.Columns);
            var i = rng.NextInt(c.Depth);
            var weightGradient = 0.0;
            for (var r = 0; r < c.Rows; r++)
            {
                weightGradient += c.X[(r * c.Depth) + i] * (double)dzScaled[c.Layout.Index(r, j)];
            }

            Check(c, weightGradient, () => ref c.W[(i * c.Columns) + j], $"W[{i},{j}] {level}");
            Check(c, biasSums[j], () => ref c.Bias[j], $"b[{j}] {level}");
            Check(c, alphaSums[j], () => ref c.Alpha[j], $"α[{j}] {level}");
        }
    }

    private delegate ref float Element();

    private static void Check(Case c, double analytic, Element element, string what)
    {
        ref var value = ref element();
        var original = value;
        var h = 1e-3f * Math.Max(1f, Math.Abs(original));
        value = original + h;
        var plus = c.ReferenceLoss();
        value = original - h;
        var minus = c.ReferenceLoss();
        value = original;
        var numeric = (plus - minus) / (2.0 * h);
        Assert.True(Math.Abs(analytic - numeric) <= 2e-3 * Math.Max(1, Math.Abs(numeric)), $"{what}: analytic {analytic}, numeric {numeric}");
    }

    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 3e-5 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    /// <summary>A hidden layer on random data: x (rows × depth), W, bias, α, a mask and the upstream gradient U.</summary>
    private sealed class Case
    {
        public required SimdLevel Level { get; init; }

        public required int Rows { get; init; }

        public required int Depth { get; init; }

        public required int Columns { get; init; }

        public required PanelLayout Layout { get; init; }

        public required float[] X { get; init; }

        public required float[] W { get; init; }

        public required float[] Bias { get; init; }

        public required float[] Alpha { get; init; }

        public required float[] Upstream { get; init; }

        public required uint[] Mask { get; init; }

        public static Case Create(SimdLevel level, int rows, int depth, int columns, int seed)
        {
            var rng = new DeterministicRandom((ulong)seed);
            var nr = PanelGemm.PanelWidth(level);
            var padded = PanelGemm.Panels(level, columns) * nr;
            float[] Draw(int n, double spread) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextGaussian() * spread)).ToArray();
            var bias = Draw(padded, 1);
            var alpha = Draw(padded, 0.5).Select(v => v + 1f).ToArray();
            Array.Clear(bias, columns, padded - columns);
            Array.Clear(alpha, columns, padded - columns);
            var mask = new uint[DropoutMask.Length(rows, columns)];
            new LaneRandom((ulong)seed).FillBits(level, mask, 0.8);
            return new Case
            {
                Level = level, Rows = rows, Depth = depth, Columns = columns, Layout = new PanelLayout(rows, nr),
                X = Draw(rows * depth, 1), W = Draw(depth * columns, 1), Bias = bias, Alpha = alpha, Upstream = Draw(rows * columns, 1), Mask = mask,
            };
        }

        public bool Kept(int r, int j) => ((Mask[(r * ((Columns + 31) / 32)) + (j / 32)] >> (j % 32)) & 1u) != 0;

        public double PreActivation(int r, int j)
        {
            var sum = 0.0;
            for (var p = 0; p < Depth; p++)
            {
                sum += X[(r * Depth) + p] * (double)W[(p * Columns) + j];
            }

            return (Scale * sum) + Bias[j];
        }

        /// <summary>L = Σ mask·a ⊙ U in float64.</summary>
        public double ReferenceLoss()
        {
            var loss = 0.0;
            for (var r = 0; r < Rows; r++)
            {
                for (var j = 0; j < Columns; j++)
                {
                    var z = PreActivation(r, j);
                    var a = z + (Alpha[j] * (ReferenceSelu(z) - z));
                    loss += (Kept(r, j) ? a * Keep : 0) * Upstream[(r * Columns) + j];
                }
            }

            return loss;
        }

        public (float[] A, float[] D, float[] G) Forward(bool training)
        {
            var length = Layout.Length(Columns);
            var (a, d, g) = (new float[length], training ? new float[length] : [], training ? new float[length] : []);
            var packed = new float[PanelGemm.PackedLength(Level, Depth, Columns)];
            PanelGemm.Pack(Level, W, false, Depth, Columns, packed);
            var mask = training ? new DropoutMask(Mask, Columns, Keep) : DropoutMask.None;
            var epilogue = new ParametricForwardOutput<Selu>(Layout, Columns, Scale, Bias, Alpha, mask, a, d, g);
            PanelGemm.Multiply(Level, ToPanels(X, Depth), StridedOperand.Panels(Layout), Rows, Depth, packed, Columns, 0, PanelGemm.Panels(Level, Columns), ref epilogue);
            return (a, d, g);
        }

        /// <summary>The backward epilogue applied to U (through a product with the identity): c·dz, Σ dz, Σ t⊙G.</summary>
        public (float[] Gradient, float[] BiasSums, float[] AlphaSums) Backward()
        {
            var (_, d, g) = Forward(training: true);
            var identity = new float[Columns * Columns];
            for (var j = 0; j < Columns; j++)
            {
                identity[(j * Columns) + j] = 1f;
            }

            var packed = new float[PanelGemm.PackedLength(Level, Columns, Columns)];
            PanelGemm.Pack(Level, identity, false, Columns, Columns, packed);
            var padded = Bias.Length;
            var (gradient, biasSums, alphaSums) = (new float[Layout.Length(Columns)], new float[padded], new float[padded]);
            var epilogue = new ParametricBackwardOutput(Layout, Columns, Scale, new DropoutMask(Mask, Columns, Keep), d, g, gradient, biasSums, alphaSums);
            PanelGemm.Multiply(Level, ToPanels(Upstream, Columns), StridedOperand.Panels(Layout), Rows, Columns, packed, Columns, 0, PanelGemm.Panels(Level, Columns), ref epilogue);
            return (gradient, biasSums, alphaSums);
        }

        private float[] ToPanels(float[] x, int columns)
        {
            var panels = new float[Layout.Length(columns)];
            for (var r = 0; r < Rows; r++)
            {
                for (var j = 0; j < columns; j++)
                {
                    panels[Layout.Index(r, j)] = x[(r * columns) + j];
                }
            }

            return panels;
        }

        private static double ReferenceSelu(double x) => x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * (Math.Exp(x) - 1);
    }
}
