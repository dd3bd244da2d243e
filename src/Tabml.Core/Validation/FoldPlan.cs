using Tabml.Data;
using Tabml.Errors;
using Tabml.Numerics.Random;

namespace Tabml.Validation;

/// <summary>
/// The train/validation splits a run fits on: one holdout (the paper's protocol), or K folds for
/// cross-fitting, where every row is validated exactly once (out of fold). A pure function of the seed.
/// </summary>
public sealed record FoldPlan(string Method, IReadOnlyList<Holdout> Folds, int RowCount)
{
    private const ulong FoldStream = 0x6B666F6C64UL;

    public bool IsHoldout => Folds.Count == 1;

    /// <summary>Rows validated by some fold, ascending: all rows for k-fold, the holdout rows otherwise.</summary>
    public int[] ValidatedRows => Folds.SelectMany(f => f.Valid).Order().ToArray();

    public static FoldPlan Holdout(TargetColumn target, double validFraction, int seed) =>
        new("holdout", [HoldoutSplitter.Split(target, validFraction, seed)], target.Length);

    /// <summary>K folds, stratified for classification (each class dealt round-robin over the folds after a shuffle).</summary>
    public static FoldPlan KFold(TargetColumn target, int folds, int seed)
    {
        if (folds < 2)
        {
            throw TabmlException.Usage($"--folds must be at least 2, got {folds}");
        }

        var n = target.Length;
        if (n < 2 * folds)
        {
            throw TabmlException.BadData($"{n} rows with a target are too few for {folds} folds");
        }

        var rng = DeterministicRandom.ForStream((ulong)seed, FoldStream);
        var foldOf = new int[n];
        var notes = new List<string>();
        if (target.Labels is { } labels)
        {
            var next = 0;
            for (var c = 0; c < target.ClassCount; c++)
            {
                var rows = Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
                rng.Shuffle(rows.AsSpan());
                if (rows.Length > 0 && rows.Length < folds)
                {
                    notes.Add($"class '{target.ClassLabels[c]}' has {rows.Length} rows, fewer than {folds} folds; some folds do not validate it");
                }

                foreach (var row in rows)
                {
                    foldOf[row] = next;
                    next = (next + 1) % folds;
                }
            }
        }
        else
        {
            var permutation = rng.Permutation(n);
            for (var i = 0; i < n; i++)
            {
                foldOf[permutation[i]] = (int)((long)i * folds / n);
            }
        }

        var result = new Holdout[folds];
        for (var f = 0; f < folds; f++)
        {
            var valid = Enumerable.Range(0, n).Where(i => foldOf[i] == f).ToArray();
            var train = Enumerable.Range(0, n).Where(i => foldOf[i] != f).ToArray();
            result[f] = new Holdout(train, valid, f == 0 ? notes : []);
        }

        return new FoldPlan($"{folds}-fold", result, n);
    }
}
