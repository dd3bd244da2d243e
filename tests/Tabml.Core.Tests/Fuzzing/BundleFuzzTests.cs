using System.Diagnostics;
using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Numerics.Random;
using Xunit.Abstractions;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>
/// Property: whatever damage a model bundle has, loading it, describing it and predicting with it (the
/// ensemble and each member) ends in predictions or a one-line TabmlException, never any other exception.
/// </summary>
public sealed class BundleFuzzTests : IDisposable
{
    private static readonly int Inputs = FuzzScale.Inputs(2000);
    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public BundleFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Damaged_bundles_end_in_predictions_or_a_one_line_error()
    {
        var seeds = SeedBundles.Write(_dir.Path).Select(s => (Bytes: File.ReadAllBytes(s.Bundle), s.Data)).ToArray();
        var rng = new DeterministicRandom(FuzzScale.Seed(0xB0D1E));
        var outcomes = new FuzzOutcomes();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Inputs; i++)
        {
            var seed = seeds[rng.NextInt(seeds.Length)];
            var (bytes, kind) = BundleMutator.Mutate(seed.Bytes, rng);
            var path = _dir.Combine($"damaged{i % 8}.tabml");
            File.WriteAllBytes(path, bytes);
            outcomes.Try(kind, () => LoadAndPredict(path, seed.Data));
        }

        _output.WriteLine(outcomes.Report("Bundle fuzzing", clock.Elapsed));
        Assert.True(outcomes.Failures.Count == 0, string.Join("\n\n", outcomes.Failures));
        Assert.Equal(Inputs, outcomes.Inputs);
    }

    private static void LoadAndPredict(string path, string data)
    {
        using var bundle = ModelBundle.Load(path);
        _ = BundleDescription.Describe(path, bundle);
        var rows = DatasetReader.ReadForPrediction(data, bundle.Schema);
        var predictions = bundle.Predict(rows);
        if (predictions.RowCount != rows.RowCount)
        {
            throw new InvalidOperationException($"{predictions.RowCount} predictions for {rows.RowCount} rows");
        }

        foreach (var member in bundle.Members)
        {
            bundle.Predict(rows, 1, member.Name);
        }
    }
}
