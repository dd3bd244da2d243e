using System.Globalization;
using System.Text;
using System.Text.Json;
using Tabml.Bench.Suites;
using Tabml.Numerics.Random;

namespace Tabml.Bench.Tests;

/// <summary>A temporary folder with a tiny two-dataset suite (one classification, one regression).</summary>
public sealed class BenchFixture : IDisposable
{
    public BenchFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "tabml-bench-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        WriteDataset("tiny_class", classification: true);
        WriteDataset("tiny_reg", classification: false);
        var entries = new[] { new SuiteEntry("tiny_class", "tiny_class.csv", "y", "binary"), new SuiteEntry("tiny_reg", "tiny_reg.csv", "y", "regression") };
        SuitePath = Path.Combine(Root, "suite.json");
        File.WriteAllText(SuitePath, JsonSerializer.Serialize(entries));
    }

    public string Root { get; }

    public string SuitePath { get; }

    public Suite Suite => Suite.Load(SuitePath, null);

    public string Folder(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }

    private void WriteDataset(string name, bool classification)
    {
        var rng = new DeterministicRandom((ulong)name.Length);
        var text = new StringBuilder("a,b,c,y\n");
        for (var i = 0; i < 300; i++)
        {
            var a = rng.NextGaussian();
            var b = rng.NextGaussian();
            var c = rng.NextInt(3);
            var score = a - (0.5 * b) + (c == 1 ? 0.7 : 0) + (0.3 * rng.NextGaussian());
            var y = classification ? (score > 0 ? "yes" : "no") : score.ToString("F4", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{a:F4},{b:F4},k{c},{y}\n");
        }

        File.WriteAllText(Path.Combine(Root, $"{name}.csv"), text.ToString());
    }
}
