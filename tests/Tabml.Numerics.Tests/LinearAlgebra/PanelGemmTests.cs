using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Numerics.Tests.LinearAlgebra;

/// <summary>
/// Products on pre-packed panels, per instruction set, against a naive float64 reference on random odd
/// shapes, for every way the engine reads A: row-major, transposed, panel-major (x·W, dY·Wᵀ) and
/// transposed panel-major (Xᵀ·dY); and partial packing.
/// </summary>
public sealed class PanelGemmTests
{
    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Panel_major_operands_match_the_reference_on_odd_shapes(SimdLevel level)
    {
        var rng = new DeterministicRandom(21);
        var nr = PanelGemm.PanelWidth(level);
        foreach (var (rows, depth, columns) in Shapes(rng))
        {
            // A = X (rows × depth) stored panel-major with a row capacity above the rows used.
            var layout = new PanelLayout(rows + 3, nr);
            var x = Matrix(rng, rows, depth);
            var xPanels = ToPanels(x, rows, depth, layout);
            var b = Matrix(rng, depth, columns);
            var packed = new float[PanelGemm.PackedLength(level, depth, columns)];
            PanelGemm.Pack(level, b, transposed: false, depth, columns, packed);
            var c = new float[rows * columns];
            var output = new RowMajorOutput(c, rows, columns, columns, accumulate: false);

            PanelGemm.Multiply(level, xPanels, StridedOperand.Panels(layout), rows, depth, packed, columns, 0, PanelGemm.Panels(level, columns), ref output);

            AssertClose(Reference(rows, depth, columns, (i, p) => x[(i * depth) + p], (p, j) => b[(p * columns) + j]), c, depth, $"{level} panels {rows}x{depth}x{columns}");
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Transposed_panel_major_operands_and_panel_major_b_match_the_reference(SimdLevel level)
    {
        var rng = new DeterministicRandom(22);
        var nr = PanelGemm.PanelWidth(level);
        foreach (var (features, batch, columns) in Shapes(rng))
        {
            // Xᵀ·dY: X (batch × features) and dY (batch × columns) both panel-major over the batch rows.
            var layout = new PanelLayout(batch, nr);
            var x = Matrix(rng, batch, features);
            var dy = Matrix(rng, batch, columns);
            var c = new float[features * columns];
            var output = new RowMajorOutput(c, features, columns, columns, accumulate: false);

            PanelGemm.Multiply(level, ToPanels(x, batch, features, layout), StridedOperand.TransposedPanels(layout), features, batch, ToPanels(dy, batch, columns, layout), columns, 0, PanelGemm.Panels(level, columns), ref output);

            AssertClose(Reference(features, batch, columns, (i, p) => x[(p * features) + i], (p, j) => dy[(p * columns) + j]), c, batch, $"{level} Xᵀ·dY {features}x{batch}x{columns}");
        }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Repacking_a_range_after_an_update_equals_packing_everything(SimdLevel level)
    {
        var rng = new DeterministicRandom(23);
        const int depth = 37, columns = 70;
        var w = Matrix(rng, depth, columns);
        var forward = new float[PanelGemm.PackedLength(level, depth, columns)];
        var backward = new float[PanelGemm.PackedLength(level, columns, depth)];
        PanelGemm.Pack(level, w, false, depth, columns, forward);
        PanelGemm.Pack(level, w, true, columns, depth, backward);
        for (var i = 0; i < depth; i++)
        {
            for (var j = 32; j < 64; j++)
            {
                w[(i * columns) + j] += 1f;
            }
        }

        PanelGemm.PackColumns(level, w, false, depth, columns, 32, 64, forward);
        PanelGemm.PackDepth(level, w, true, columns, depth, 32, 64, backward);

        var expectedForward = new float[forward.Length];
        var expectedBackward = new float[backward.Length];
        PanelGemm.Pack(level, w, false, depth, columns, expectedForward);
        PanelGemm.Pack(level, w, true, columns, depth, expectedBackward);
        Assert.Equal(expectedForward, forward);
        Assert.Equal(expectedBackward, backward);
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Available), MemberType = typeof(SimdLevels))]
    public void Repacking_past_the_caches_writes_the_same_panels_aligned_or_not(SimdLevel level)
    {
        var rng = new DeterministicRandom(29);
        foreach (var (depth, columns, first, last) in new[] { (37, 70, 32, 64), (75, 256, 0, 32), (256, 256, 224, 256), (33, 70, 64, 70), (17, 45, 0, 45), (256, 75, 32, 64) })
        {
            var w = Matrix(rng, depth, columns);
            var usual = (Forward: new float[PanelGemm.PackedLength(level, depth, columns)], Backward: new float[PanelGemm.PackedLength(level, columns, depth)]);
            var aligned = (Forward: new AlignedFloats(usual.Forward.Length), Backward: new AlignedFloats(usual.Backward.Length));
            var unaligned = (Forward: new float[usual.Forward.Length + 1], Backward: new float[usual.Backward.Length + 1]);
            foreach (var (forward, backward, nonTemporal) in new[] { (usual.Forward.AsMemory(), usual.Backward.AsMemory(), false), (unaligned.Forward.AsMemory(1), unaligned.Backward.AsMemory(1), true) })
            {
                PanelGemm.PackColumns(level, w, false, depth, columns, first, last, forward.Span, nonTemporal);
                PanelGemm.PackDepth(level, w, true, columns, depth, first, last, backward.Span, nonTemporal);
            }

            PanelGemm.PackColumns(level, w, false, depth, columns, first, last, aligned.Forward.Span, nonTemporal: true);
            PanelGemm.PackDepth(level, w, true, columns, depth, first, last, aligned.Backward.Span, nonTemporal: true);

            var shape = $"{level} {depth}×{columns} [{first}, {last})";
            Assert.True(usual.Forward.AsSpan().SequenceEqual(aligned.Forward.Span), shape);
            Assert.True(usual.Backward.AsSpan().SequenceEqual(aligned.Backward.Span), shape);
            Assert.True(usual.Forward.AsSpan().SequenceEqual(unaligned.Forward.AsSpan(1)), shape);
            Assert.True(usual.Backward.AsSpan().SequenceEqual(unaligned.Backward.AsSpan(1)), shape);
        }
    }

    [Fact]
    public unsafe void Aligned_floats_start_on_a_cache_line()
    {
        foreach (var length in new[] { 0, 1, 15, 16, 17, 4096, 65_537 })
        {
            var floats = new AlignedFloats(length);

            Assert.Equal(length, floats.Span.Length);
            if (length > 0)
            {
                fixed (float* first = floats.Span)
                {
                    Assert.Equal(0, (nint)first % 64);
                }
            }
        }
    }

    [Fact]
    public void Too_short_spans_and_bad_shapes_are_rejected_before_any_kernel_runs()
    {
        var layout = new PanelLayout(8, PanelGemm.PanelWidth(SimdSupport.Active));
        var packed = new float[PanelGemm.PackedLength(SimdSupport.Active, 4, 5)];
        var c = new float[8 * 5];
        var a = new float[layout.Length(4)];

        Assert.Throws<ArgumentException>(() => Run(a.AsSpan(0, 3).ToArray(), layout, packed, c, rows: 8));
        Assert.Throws<ArgumentException>(() => Run(a, layout, packed.AsSpan(0, 10).ToArray(), c, rows: 8));
        Assert.Throws<ArgumentException>(() => Run(a, layout, packed, new float[10], rows: 8));
        Assert.Throws<ArgumentException>(() => Run(a, layout, packed, c, rows: 9));
        Assert.Throws<ArgumentException>(() => PanelGemm.Pack(SimdSupport.Active, new float[19], false, 4, 5, packed));
        Assert.Throws<ArgumentException>(() => new PanelLayout(8, 12));
        Run(a, layout, packed, c, rows: 8);
    }

    private static void Run(float[] a, PanelLayout layout, float[] packed, float[] c, int rows)
    {
        var output = new RowMajorOutput(c, Math.Min(rows, c.Length / 5), 5, 5, accumulate: false);
        PanelGemm.Multiply(SimdSupport.Active, a, StridedOperand.Panels(layout), rows, 4, packed, 5, 0, PanelGemm.Panels(SimdSupport.Active, 5), ref output);
    }

    private static IEnumerable<(int, int, int)> Shapes(DeterministicRandom rng) =>
        new[] { (1, 1, 1), (8, 32, 32), (3, 75, 33), (32, 256, 40), (9, 31, 65), (40, 6, 5), (17, 33, 1) }
            .Concat(Enumerable.Range(0, 10).Select(_ => (1 + rng.NextInt(70), 1 + rng.NextInt(90), 1 + rng.NextInt(70))));

    private static float[] ToPanels(float[] x, int rows, int columns, PanelLayout layout)
    {
        var panels = new float[layout.Length(columns)];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                panels[layout.Index(r, j)] = x[(r * columns) + j];
            }
        }

        return panels;
    }

    private static float[] Matrix(DeterministicRandom rng, int rows, int columns) =>
        Enumerable.Range(0, rows * columns).Select(_ => (float)((2 * rng.NextDouble()) - 1)).ToArray();

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
        var tolerance = 4e-5 * Math.Sqrt(Math.Max(1, depth));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}: element {i} expected {expected[i]} got {actual[i]}");
        }
    }
}
