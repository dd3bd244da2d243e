using System.Diagnostics;
using System.Globalization;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Data.Csv;

namespace Tabml.Bench.Prediction;

/// <summary>
/// Prediction throughput of a bundle on a CSV file: rows per second for each member and for the ensemble
/// (median of several timed passes over rows already in memory), and for `predict`'s whole path (read in
/// chunks, predict, write CSV to nowhere). Wall and process CPU time are both printed: on a shared machine
/// the CPU time says what the work costs.
/// </summary>
public static class PredictBenchmark
{
    public static void Run(TextWriter output, string modelPath, string dataPath, int threads, int repetitions)
    {
        var bundle = ModelBundle.Load(modelPath);
        var (read, readTime) = Timed(() => DatasetReader.ReadForPrediction(dataPath, bundle.Schema));
        var rows = read.RowCount;
        output.WriteLine(Invariant($"model {modelPath}: {bundle.Members.Count} members; data {dataPath}: {rows} rows, {bundle.Schema.Features.Count} columns; {threads} threads; median of {repetitions}"));
        output.WriteLine(Invariant($"{"part",-24} {"rows/s (wall)",14} {"rows/s (cpu)",14}"));
        Line(output, "read CSV (whole file)", rows, readTime);
        foreach (var member in bundle.Members)
        {
            var weight = member.Weight > 0 ? Invariant($" (weight {member.Weight:0.00})") : " (weight 0)";
            Line(output, member.Name + weight, rows, Median(repetitions, () => member.Model.Predict(read, threads)));
        }

        Line(output, "ensemble", rows, Median(repetitions, () => bundle.Predict(read, threads)));
        var chunkRows = PredictionChunks.DefaultRows(bundle.Schema.Features.Count);
        Line(output, "predict (read+predict+write)", rows, Median(repetitions, () =>
        {
            using var writer = new PredictionCsvWriter(TextWriter.Null, bundle.Schema.Target);
            foreach (var chunk in ReadAhead.Enumerate(PredictionChunks.Read(dataPath, bundle.Schema, chunkRows)))
            {
                writer.WriteRows(bundle.Predict(chunk, threads));
            }
        }));
    }

    private static (T Result, Timing Time) Timed<T>(Func<T> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        return (result, new Timing(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
    }

    /// <summary>One untimed warm-up pass, then the median wall and CPU time of the timed passes.</summary>
    private static Timing Median(int repetitions, Action work)
    {
        work();
        var timings = Enumerable.Range(0, repetitions).Select(_ => Timed(() =>
        {
            work();
            return 0;
        }).Time).ToArray();
        var wall = timings.Select(t => t.Wall).Order().ToArray();
        var cpu = timings.Select(t => t.Cpu).Order().ToArray();
        return new Timing(wall[wall.Length / 2], cpu[cpu.Length / 2]);
    }

    private static void Line(TextWriter output, string part, int rows, Timing time) =>
        output.WriteLine(Invariant($"{part,-24} {rows / time.Wall,14:N0} {rows / Math.Max(time.Cpu, 1e-9),14:N0}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Timing(double Wall, double Cpu);
}
