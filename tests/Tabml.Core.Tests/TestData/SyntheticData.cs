using Tabml.Data;
using Tabml.Numerics.Random;

namespace Tabml.Core.Tests.TestData;

/// <summary>Small seeded datasets with a learnable signal, missing values, a constant column and categoricals.</summary>
public static class SyntheticData
{
    /// <summary>
    /// Columns: x0..x3 numeric (x3 has ~10% NaN), c_const numeric constant, cat3 (3 categories, some
    /// missing), cat12 (12 categories). The target depends on x0, x1, x2 and cat3.
    /// </summary>
    public static Dataset Make(TaskKind task, int rows, int seed = 1, int classes = 3)
    {
        var rng = new DeterministicRandom((ulong)seed);
        var x = new float[4][];
        for (var j = 0; j < 4; j++)
        {
            x[j] = new float[rows];
        }

        var constant = new float[rows];
        var cat3 = new int[rows];
        var cat12 = new int[rows];
        var score = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                x[j][i] = (float)rng.NextGaussian();
            }

            if (rng.NextDouble() < 0.1)
            {
                x[3][i] = float.NaN;
            }

            constant[i] = 7f;
            cat3[i] = rng.NextDouble() < 0.05 ? 0 : 1 + rng.NextInt(3);
            cat12[i] = 1 + rng.NextInt(12);
            score[i] = (1.5 * x[0][i]) - x[1][i] + (0.8 * Math.Sin(2 * x[2][i])) + (cat3[i] == 2 ? 1.0 : 0.0) + (0.3 * rng.NextGaussian());
        }

        var features = new FeatureColumn[]
        {
            new NumericColumn("x0", x[0]),
            new NumericColumn("x1", x[1]),
            new NumericColumn("x2", x[2]),
            new NumericColumn("x3", x[3]),
            new NumericColumn("c_const", constant),
            new CategoricalColumn("cat3", cat3, ["a", "b", "c"]),
            new CategoricalColumn("cat12", cat12, Enumerable.Range(0, 12).Select(k => $"v{k:D2}").ToArray()),
        };

        TargetColumn target;
        if (task == TaskKind.Regression)
        {
            target = TargetColumn.Regression("y", score);
        }
        else
        {
            var k = task == TaskKind.Binary ? 2 : classes;
            var sorted = score.Order().ToArray();
            var labels = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                var rank = Array.BinarySearch(sorted, score[i]);
                labels[i] = Math.Min(k - 1, (int)((long)Math.Abs(rank) * k / rows));
            }

            target = TargetColumn.Classification("y", task, labels, Enumerable.Range(0, k).Select(c => $"class{c}").ToArray());
        }

        return new Dataset(features, target, rows);
    }

    /// <summary>Splits rows 0..n−1 into the first 80% and the rest.</summary>
    public static (Dataset Train, Dataset Valid) Split(Dataset data)
    {
        var cut = data.RowCount * 4 / 5;
        var train = Enumerable.Range(0, cut).ToArray();
        var valid = Enumerable.Range(cut, data.RowCount - cut).ToArray();
        return (data.Slice(train), data.Slice(valid));
    }
}
