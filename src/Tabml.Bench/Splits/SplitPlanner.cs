using System.Text;
using Tabml.Numerics.Random;

namespace Tabml.Bench.Splits;

/// <summary>
/// The benchmark's random splits (method-spec §8): test = the last 20% of a seeded permutation
/// (trainval = ⌈0.8n⌉), then train = ⌈0.75·trainval⌉ and validation the rest; not stratified. Each split is
/// a pure function of the dataset name, the split index and the configuration seed.
/// </summary>
public static class SplitPlanner
{
    public static BenchSplit Random(string dataset, int split, int rows, int seed = 0)
    {
        var rng = DeterministicRandom.ForStream(StableHash(dataset) ^ (ulong)seed, (ulong)split);
        var permutation = rng.Permutation(rows);
        var trainValid = (int)Math.Ceiling(0.8 * rows);
        var train = (int)Math.Ceiling(0.75 * trainValid);
        return new BenchSplit(
            permutation[..train].Order().ToArray(),
            permutation[train..trainValid].Order().ToArray(),
            permutation[trainValid..].Order().ToArray());
    }

    /// <summary>FNV-1a of the UTF-8 name: stable across runs and platforms (string.GetHashCode is not).</summary>
    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
