using System.Globalization;
using Tabml.Numerics.LinearAlgebra;
using Tabml.Numerics.Random;
using Tabml.Numerics.Simd;

namespace Tabml.Bench.Kernels;

/// <summary>
/// GFLOP/s of the three dense-layer products for the shapes RealMLP uses, next to the FMA peak measured in
/// the same run (the fastest of many short timings against the best short chunks of the peak loop, so a
/// shared machine's interruptions drop out; read ratios, not absolutes).
/// </summary>
public static class GemmBenchmark
{
    public static void Run(TextWriter output, SimdLevel level, int repetitions)
    {
        var (average1, peak1) = FmaPeak.Measure(1, TimeSpan.FromSeconds(1));
        var (average2, peak2) = FmaPeak.Measure(2, TimeSpan.FromSeconds(1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instruction set: {level}; FMA peak in the best 0.1 ms chunks: {peak1:F0} GFLOP/s (1 thread), {peak2:F0} GFLOP/s (2 threads); averages {average1:F0} and {average2:F0}"));
        output.WriteLine();
        output.WriteLine("Plain row-major products (B packed on each call)");
        output.WriteLine("product        m     k     n  threads   GFLOP/s  % of peak");
        var shapes = new (string Name, int M, int K, int N)[]
        {
            ("X·W", 256, 50, 256), ("X·W", 256, 200, 256), ("X·W", 256, 256, 256), ("X·W", 1024, 256, 256),
            ("dY·Wᵀ", 256, 256, 200), ("dY·Wᵀ", 256, 256, 256), ("dY·Wᵀ", 1024, 256, 256),
            ("Xᵀ·dY", 200, 256, 256), ("Xᵀ·dY", 256, 256, 256), ("Xᵀ·dY", 256, 1024, 256),
        };
        foreach (var (name, m, k, n) in shapes)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var gflops = Measure(name, level, m, k, n, threads, repetitions);
                var peak = threads == 1 ? peak1 : peak2;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-9} {m,6} {k,5} {n,5} {threads,8} {gflops,9:F1} {100 * gflops / peak,9:F0}%"));
            }
        }

        RealMlpKernelBenchmark.Run(output, level, Math.Max(1, repetitions), peak1);
    }

    public static double Measure(string product, SimdLevel level, int m, int k, int n, int threads, int repetitions)
    {
        var rng = new DeterministicRandom(1);
        var (aLength, bLength) = product switch
        {
            "X·W" => (m * k, k * n),
            "dY·Wᵀ" => (m * k, n * k),
            _ => (k * m, k * n),
        };
        var a = Fill(rng, aLength);
        var b = Fill(rng, bLength);
        var c = new float[m * n];
        void Once()
        {
            switch (product)
            {
                case "X·W": Gemm.Multiply(level, a, b, c, m, k, n, threads: threads); break;
                case "dY·Wᵀ": Gemm.MultiplyTransposedB(level, a, b, c, m, k, n, threads: threads); break;
                default: Gemm.MultiplyTransposedA(level, a, b, c, m, k, n, threads: threads); break;
            }
        }

        return 2.0 * m * k * n / RealMlpKernelBenchmark.Fastest(Once, repetitions) / 1e9;
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
