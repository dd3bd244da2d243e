using Tabml.Bundles;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Metrics;
using Tabml.Numerics.Random;

namespace Tabml.Explaining;

/// <summary>
/// Permutation feature importance (Breiman 2001; Fisher, Rudin and Dominici 2019) of a model bundle on
/// labelled rows: for each input column and repeat, the column's values are shuffled across rows and the
/// model's metric recomputed; the importance is the mean increase over the repeats, with a 95% Student-t
/// interval. Columns run side by side, each prediction on one thread, and every shuffle has its own seeded
/// stream, so the report depends on the seed only, not on the thread count.
/// </summary>
public static class PermutationImportance
{
    private const ulong SampleStream = 0;

    /// <summary>The importance of each input column of <paramref name="bundle"/> on the labelled rows of <paramref name="data"/>.</summary>
    public static ImportanceReport Compute(ModelBundle bundle, EvaluationData data, ImportanceOptions options)
    {
        if (options.Repeats < 1)
        {
            throw TabmlException.Usage($"--repeats must be at least 1, got {options.Repeats}");
        }

        var (features, target) = Sample(data, options);
        var metric = MetricCatalog.Get(options.Metric ?? bundle.Validation.Metric, bundle.Task);
        var baseline = metric.Compute(target, bundle.Predict(features, 1, options.Member));
        var groups = Groups(bundle.Schema, features);
        var increases = new double[groups.Count, options.Repeats];
        Parallel.For(
            0,
            groups.Count * options.Repeats,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) },
            task =>
            {
                var (group, repeat) = (task / options.Repeats, task % options.Repeats);
                var shuffle = DeterministicRandom.ForStream((ulong)options.Seed, 1 + (ulong)task).Permutation(features.RowCount);
                var shuffled = Shuffled(features, groups[group].Features, shuffle);
                increases[group, repeat] = metric.Compute(target, bundle.Predict(shuffled, 1, options.Member)) - baseline;
            });

        var columns = groups.Select((g, i) => Summarize(g.Column, Enumerable.Range(0, options.Repeats).Select(r => increases[i, r]).ToArray()))
            .OrderByDescending(c => c.Importance).ThenBy(c => c.Column, StringComparer.Ordinal).ToArray();
        return new ImportanceReport(metric.Name, baseline, features.RowCount, options.Repeats, options.Seed, options.Member ?? "ensemble", columns);
    }

    /// <summary>The labelled rows, at most <see cref="ImportanceOptions.MaxRows"/> of them (a seeded sample, in file order).</summary>
    private static (Dataset Features, TargetColumn Target) Sample(EvaluationData data, ImportanceOptions options)
    {
        var labelled = data.Features.Slice(data.RowsWithTarget);
        if (options.MaxRows is not { } max || labelled.RowCount <= max)
        {
            return (labelled, data.Target);
        }

        if (max < 2)
        {
            throw TabmlException.Usage($"--max-rows must be at least 2, got {max}");
        }

        var rows = DeterministicRandom.ForStream((ulong)options.Seed, SampleStream).Permutation(labelled.RowCount)[..max];
        Array.Sort(rows);
        return (labelled.Slice(rows), data.Target.Slice(rows));
    }

    /// <summary>Each input column with the model features it feeds (one, or a date column's derived features).</summary>
    private static List<(string Column, int[] Features)> Groups(DatasetSchema schema, Dataset features)
    {
        var sourceOf = schema.Dates.SelectMany(d => d.FeatureNames.Select(f => (Feature: f, Source: d.Name))).ToDictionary(x => x.Feature, x => x.Source, StringComparer.Ordinal);
        return features.Features
            .Select((f, i) => (Source: sourceOf.GetValueOrDefault(f.Name, f.Name), Index: i))
            .GroupBy(x => x.Source, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => x.Index).ToArray()))
            .ToList();
    }

    private static Dataset Shuffled(Dataset features, int[] columns, int[] permutation)
    {
        var shuffled = features.Features.ToArray();
        foreach (var c in columns)
        {
            shuffled[c] = shuffled[c].Slice(permutation);
        }

        return new Dataset(shuffled, null, features.RowCount);
    }

    private static ColumnImportance Summarize(string column, double[] increases)
    {
        var mean = increases.Average();
        var n = increases.Length;
        if (n < 2)
        {
            return new ColumnImportance(column, mean, 0, null, null, increases);
        }

        var sd = Math.Sqrt(increases.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.Quantile975(n - 1) * sd / Math.Sqrt(n);
        return new ColumnImportance(column, mean, sd, mean - half, mean + half, increases);
    }
}
