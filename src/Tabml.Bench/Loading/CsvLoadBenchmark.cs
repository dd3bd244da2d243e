using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tabml.Data;
using Tabml.Numerics.Random;

namespace Tabml.Bench.Loading;

/// <summary>
/// Loads a large numeric CSV the way `tabml train` does and prints the throughput and the process's peak
/// working set (issue 3: 1,000,000 rows × 50 numeric columns, about 400 MB, within 1.2 GB and at ≥ 100 MB/s).
/// Run it in a fresh process: the peak covers the whole process.
/// </summary>
public static class CsvLoadBenchmark
{
    public static void Run(TextWriter output, string path, int rows, int columns, int repetitions)
    {
        if (!File.Exists(path))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generating {path}: {rows} rows × {columns} numeric columns + a target"));
            Generate(path, rows, columns);
        }

        var bytes = new FileInfo(path).Length;
        var seconds = new List<double>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            var clock = Stopwatch.StartNew();
            var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Task = TaskKind.Regression });
            clock.Stop();
            seconds.Add(clock.Elapsed.TotalSeconds);
            GC.KeepAlive(data);
        }

        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file: {path} ({bytes / 1e6:F1} MB)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load seconds (median of {repetitions}): {median:F2}  [{string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}]"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: {bytes / 1e6 / median:F0} MB/s (target ≥ 100)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {peak / 1e6:F0} MB (target ≤ 1200)"));
    }

    /// <summary>Writes a seeded CSV of numeric columns f0..f{n-1} and a regression target y.</summary>
    public static void Generate(string path, int rows, int columns)
    {
        var rng = new DeterministicRandom(42);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(",", Enumerable.Range(0, columns).Select(c => $"f{c}").Append("y")));
        var line = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            line.Clear();
            var y = 0.0;
            for (var c = 0; c < columns; c++)
            {
                var v = (rng.NextDouble() * 200.0) - 100.0;
                y += c < 5 ? v : 0.0;
                line.Append(v.ToString("F3", CultureInfo.InvariantCulture)).Append(',');
            }

            line.Append(y.ToString("F3", CultureInfo.InvariantCulture));
            writer.WriteLine(line);
        }
    }
}
