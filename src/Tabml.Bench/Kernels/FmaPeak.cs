using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tabml.Bench.Kernels;

/// <summary>
/// Measures the machine's fused multiply-add peak: 12 independent Vector512 (or Vector256) accumulator
/// chains, so latency is hidden and only FMA throughput limits the loop.
/// </summary>
public static class FmaPeak
{
    /// <summary>The average rate over the duration, summed over the threads.</summary>
    public static double GigaflopsPerSecond(int threads, TimeSpan duration) => Measure(threads, duration).Average;

    /// <summary>
    /// The average rate and the best rate of short (≈0.1 ms) chunks, each summed over the threads. On a
    /// shared machine the best chunks ran undisturbed: they estimate the hardware's peak.
    /// </summary>
    public static (double Average, double Best) Measure(int threads, TimeSpan duration)
    {
        var results = new (double Average, double Best)[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => results[t] = Run(duration));
        return (results.Sum(r => r.Average), results.Sum(r => r.Best));
    }

    private static (double Average, double Best) Run(TimeSpan duration)
    {
        const long chunk = 1 << 13;
        var lanes = Vector512.IsHardwareAccelerated ? 16 : 8;
        var flopsPerChunk = chunk * 12.0 * lanes * 2.0;
        var clock = Stopwatch.StartNew();
        long iterations = 0;
        var sink = 0f;
        var best = 0.0;
        while (clock.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            sink += Vector512.IsHardwareAccelerated ? Chains512(chunk) : Chains256(chunk);
            var seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            best = Math.Max(best, flopsPerChunk / seconds / 1e9);
            iterations += chunk;
        }

        GC.KeepAlive(sink);
        return (iterations * 12.0 * lanes * 2.0 / clock.Elapsed.TotalSeconds / 1e9, best);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(long iterations)
    {
        var x = Vector512.Create(0.999999f);
        var y = Vector512.Create(1e-7f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(long iterations)
    {
        var x = Vector256.Create(0.999999f);
        var y = Vector256.Create(1e-7f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
