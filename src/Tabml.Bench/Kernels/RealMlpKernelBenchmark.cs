using System.Diagnostics;
using System.Globalization;
using Tabml.Numerics.Activations;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Bench.Kernels;

/// <summary>
/// The products of RealMLP's training step as the engine runs them: on pre-packed weight panels and
/// panel-major activations, a block of 32 batch rows for x·W and dY·Wᵀ (with a plain store, and with the
/// fused forward and backward epilogues), the whole batch of 256 for Xᵀ·dY; input widths 75 and 216 as on
/// adult and covertype. The fastest of many short timings (undisturbed on a shared machine), next to the
/// FMA peak of the best short chunks measured in the same run.
/// </summary>
public static class RealMlpKernelBenchmark
{
    private const int Batch = 256;
    private const int Block = 32;

    public static void Run(TextWriter output, SimdLevel level, int repetitions, double peak)
    {
        output.WriteLine();
        output.WriteLine("RealMLP's products as trained (pre-packed B, panel-major A; 1 thread)");
        output.WriteLine("product                         rows depth  cols   GFLOP/s  % of peak");
        foreach (var (inWidth, outWidth) in new[] { (256, 256), (75, 256), (216, 256) })
        {
            Row(output, "x·W, plain store", Block, inWidth, outWidth, peak, Measure(level, repetitions, Product.Forward, inWidth, outWidth));
            Row(output, "x·W + bias, SELU, dropout", Block, inWidth, outWidth, peak, Measure(level, repetitions, Product.ForwardFused, inWidth, outWidth));
            Row(output, "dY·Wᵀ, plain store", Block, outWidth, inWidth, peak, Measure(level, repetitions, Product.Backward, inWidth, outWidth));
            Row(output, "dY·Wᵀ + mask, D, G, sums", Block, outWidth, inWidth, peak, Measure(level, repetitions, Product.BackwardFused, inWidth, outWidth));
            Row(output, "Xᵀ·dY (weight gradient)", inWidth, Batch, outWidth, peak, Measure(level, repetitions, Product.WeightGradient, inWidth, outWidth));
        }
    }

    private enum Product
    {
        Forward,
        ForwardFused,
        Backward,
        BackwardFused,
        WeightGradient,
    }

    private static void Row(TextWriter output, string name, int m, int k, int n, double peak, double seconds)
    {
        var gflops = 2.0 * m * k * n / seconds / 1e9;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-30} {m,5} {k,5} {n,5} {gflops,9:F1} {100 * gflops / peak,9:F0}%"));
    }

    private static double Measure(SimdLevel level, int repetitions, Product product, int inWidth, int outWidth)
    {
        var rng = new DeterministicRandom(3);
        var layout = new PanelLayout(Batch, PanelGemm.PanelWidth(level));
        var widest = Math.Max(inWidth, outWidth);
        var x = Fill(rng, layout.Length(widest));
        var y = Fill(rng, layout.Length(widest));
        var d = Fill(rng, layout.Length(widest));
        var g = Fill(rng, layout.Length(widest));
        var weights = Fill(rng, inWidth * outWidth);
        var forward = new float[PanelGemm.PackedLength(level, inWidth, outWidth)];
        var backward = new float[PanelGemm.PackedLength(level, outWidth, inWidth)];
        PanelGemm.Pack(level, weights, false, inWidth, outWidth, forward);
        PanelGemm.Pack(level, weights, true, outWidth, inWidth, backward);
        var padded = PanelGemm.Panels(level, widest) * PanelGemm.PanelWidth(level);
        var bias = Fill(rng, padded);
        var alpha = Fill(rng, padded);
        var sums = new float[padded * 2];
        var mask = new uint[DropoutMask.Length(Batch, widest)];
        new LaneRandom(1).FillBits(level, mask, 0.85);
        var gradient = new float[inWidth * outWidth];
        void Once()
        {
            switch (product)
            {
                case Product.Forward:
                    var plain = new PanelOutput(y, layout, outWidth);
                    PanelGemm.Multiply(level, x, StridedOperand.Panels(layout), Block, inWidth, forward, outWidth, 0, PanelGemm.Panels(level, outWidth), ref plain);
                    break;
                case Product.ForwardFused:
                    var fused = new ParametricForwardOutput<Selu>(layout, outWidth, 0.0625f, bias, alpha, new DropoutMask(mask, outWidth, 1f / 0.85f), y, d, g);
                    PanelGemm.Multiply(level, x, StridedOperand.Panels(layout), Block, inWidth, forward, outWidth, 0, PanelGemm.Panels(level, outWidth), ref fused);
                    break;
                case Product.Backward:
                    var store = new PanelOutput(x, layout, inWidth);
                    PanelGemm.Multiply(level, y, StridedOperand.Panels(layout), Block, outWidth, backward, inWidth, 0, PanelGemm.Panels(level, inWidth), ref store);
                    break;
                case Product.BackwardFused:
                    var below = new ParametricBackwardOutput(layout, inWidth, 0.0625f, new DropoutMask(mask, inWidth, 1f / 0.85f), d, g, x, sums.AsSpan(0, padded), sums.AsSpan(padded, padded));
                    PanelGemm.Multiply(level, y, StridedOperand.Panels(layout), Block, outWidth, backward, inWidth, 0, PanelGemm.Panels(level, inWidth), ref below);
                    break;
                default:
                    var rows = new RowMajorOutput(gradient, inWidth, outWidth, outWidth, accumulate: false);
                    PanelGemm.Multiply(level, x, StridedOperand.TransposedPanels(layout), inWidth, Batch, y, outWidth, 0, PanelGemm.Panels(level, outWidth), ref rows);
                    break;
            }
        }

        return Fastest(Once, repetitions);
    }

    /// <summary>The fastest of many short timings: on a shared machine those ran undisturbed.</summary>
    internal static double Fastest(Action once, int repetitions)
    {
        for (var i = 0; i < 50; i++)
        {
            once();
        }

        var best = double.MaxValue;
        for (var r = 0; r < 200 * repetitions; r++)
        {
            var start = Stopwatch.GetTimestamp();
            once();
            best = Math.Min(best, (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency);
        }

        return best;
    }

    private static float[] Fill(DeterministicRandom rng, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = rng.NextSingle() - 0.5f;
        }

        return values;
    }
}
