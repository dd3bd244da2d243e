using Tabml.Data;
using Tabml.Learners.Forests;
using Tabml.Learners.LightGbm;
using Tabml.Metrics;

namespace Tabml.Learners.FastTree;

/// <summary>
/// LightGBM-TD's early-stopping rule (method-spec §5.1) on a FastTree model's validation curve: tree by tree,
/// the validation rows' scores are extended and the selection metric computed; an iteration improves only
/// when strictly below the best so far, the curve ends 300 iterations after its first minimum, and the kept
/// count is its last minimum. For one-versus-all, iteration t means the first t trees of every class's
/// model, scored on the combined distribution, as LightGBM's multiclass iterations grow one tree per class.
/// </summary>
internal static class FastTreeSelection
{
    public static Selected Select(SelectionInput input)
    {
        var fits = input.Fits;
        var rows = input.Target.Length;
        var scores = fits.Select(_ => new double[rows]).ToArray();
        var stopping = new EarlyStopping(input.Patience);
        var trees = fits.Max(f => f.Forest.TreeCount);
        using var validation = TreeRows.Of(input.Rows.AsSpan(0, rows * input.Width), input.Width);
        for (var t = 0; t < trees; t++)
        {
            input.Cancellation.ThrowIfCancellationRequested();
            for (var k = 0; k < fits.Count; k++)
            {
                if (t < fits[k].Forest.TreeCount)
                {
                    fits[k].Forest.AddTree(t, validation, scores[k]);
                }
            }

            var predictions = FastTreeOutputs.ToPredictions(input.Target.Task, fits, scores, input.Combination);
            if (stopping.Record(input.Metric.Compute(input.Target, predictions)))
            {
                break;
            }
        }

        var kept = stopping.BestIterationCount();
        return new Selected(kept, kept == 0 ? double.NaN : stopping.Curve[kept - 1], stopping.Curve.Count);
    }

    /// <summary>What the selection reads: the fits, the encoded validation rows and their target, the metric.</summary>
    internal sealed record SelectionInput(IReadOnlyList<FastTreeFit> Fits, float[] Rows, int Width, TargetColumn Target, IMetric Metric, int? Patience, OneVersusAll Combination)
    {
        public CancellationToken Cancellation { get; init; }
    }

    /// <summary>The kept iteration count, its validation loss, and how many iterations the curve ran before it stopped.</summary>
    internal readonly record struct Selected(int Kept, double Loss, int Evaluated);
}
