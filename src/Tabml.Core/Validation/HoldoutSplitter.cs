using Tabml.Data;
using Tabml.Errors;
using Tabml.Numerics.Random;

namespace Tabml.Validation;

/// <summary>
/// Holds out a fraction of the training rows for early stopping and model selection, as a pure function of
/// the seed. Classification is stratified: each class gives round(fraction × its rows) to validation, and a
/// class too small to give one row and keep one stays wholly in training (reported). Regression takes the
/// first ⌈(1 − fraction)·n⌉ rows of a seeded permutation for training, as the reference does.
/// </summary>
public static class HoldoutSplitter
{
    private const ulong HoldoutStream = 0x686F6C646F7574UL;

    public static Holdout Split(TargetColumn target, double validFraction, int seed)
    {
        if (!(validFraction > 0.0 && validFraction < 1.0))
        {
            throw TabmlException.Usage($"--val-fraction must be between 0 and 1 (exclusive), got {validFraction}");
        }

        var rng = DeterministicRandom.ForStream((ulong)seed, HoldoutStream);
        var notes = new List<string>();
        var train = new List<int>();
        var valid = new List<int>();
        if (target.Labels is { } labels)
        {
            for (var c = 0; c < target.ClassCount; c++)
            {
                var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
                rng.Shuffle(rows.AsSpan());
                var take = (int)Math.Floor((rows.Length * validFraction) + 0.5);
                if (take == 0 || take == rows.Length)
                {
                    if (rows.Length > 0)
                    {
                        notes.Add($"class '{target.ClassLabels[c]}' has only {rows.Length} row{(rows.Length == 1 ? string.Empty : "s")}; kept in training, not validated");
                    }

                    train.AddRange(rows);
                    continue;
                }

                valid.AddRange(rows.AsSpan(0, take).ToArray());
                train.AddRange(rows.AsSpan(take).ToArray());
            }
        }
        else
        {
            var n = target.Length;
            var permutation = rng.Permutation(n);
            var trainCount = (int)Math.Ceiling((1.0 - validFraction) * n);
            train.AddRange(permutation.AsSpan(0, trainCount).ToArray());
            valid.AddRange(permutation.AsSpan(trainCount).ToArray());
        }

        if (valid.Count == 0 || train.Count == 0)
        {
            throw TabmlException.BadData($"{target.Length} rows with a target are too few to hold out a validation set");
        }

        train.Sort();
        valid.Sort();
        return new Holdout(train.ToArray(), valid.ToArray(), notes);
    }
}
