using System.Diagnostics;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Numerics.Random;
using Xunit.Abstractions;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>
/// Property: whatever bytes a CSV file holds, reading it for training (with task inference) or against a
/// model's schema ends in a dataset or a one-line TabmlException, never in any other exception.
/// </summary>
public sealed class CsvFuzzTests : IDisposable
{
    private static readonly int Inputs = FuzzScale.Inputs(2500);
    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public CsvFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Damaged_csv_files_end_in_a_dataset_or_a_one_line_error()
    {
        var rng = new DeterministicRandom(FuzzScale.Seed(0x5EED_C5F));
        byte[][] seeds = [CsvMutator.Seed(rng, "binary"), CsvMutator.Seed(rng, "regression"), CsvMutator.Seed(rng, "multiclass")];
        var seedPath = _dir.Combine("seed.csv");
        File.WriteAllBytes(seedPath, seeds[0]);
        var schema = DatasetReader.ReadForTraining(seedPath, new TrainingReadOptions()).Schema;
        TaskKind?[] tasks = [null, null, TaskKind.Binary, TaskKind.Multiclass, TaskKind.Regression];
        var outcomes = new FuzzOutcomes();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Inputs; i++)
        {
            var (bytes, kind) = CsvMutator.Mutate(seeds[rng.NextInt(seeds.Length)], rng);
            var path = _dir.Combine($"input{i % 8}.csv");
            File.WriteAllBytes(path, bytes);
            var options = new TrainingReadOptions { Task = tasks[rng.NextInt(tasks.Length)], Target = rng.NextInt(4) == 0 ? "maybe" : null };
            if (rng.NextInt(2) == 0)
            {
                outcomes.Try(kind, () => DatasetReader.ReadForTraining(path, options));
            }
            else
            {
                outcomes.Try(kind + " (against a schema)", () => DatasetReader.ReadForPrediction(path, schema));
            }
        }

        _output.WriteLine(outcomes.Report("CSV fuzzing", clock.Elapsed));
        Assert.True(outcomes.Failures.Count == 0, string.Join("\n\n", outcomes.Failures));
        Assert.Equal(Inputs, outcomes.Inputs);
    }
}
