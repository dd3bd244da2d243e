using Tabml.Calibration;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Ensembling;

/// <summary>
/// Combines fitted members from their validation (or out-of-fold) predictions, the same way for `train` and
/// for `bench`: optionally calibrates every classification member ('ts-mix', method-spec §14) on its own
/// validation predictions, picks the best member by the metric (ties to the earlier one), and selects
/// ensemble weights greedily (method-spec §7) on the calibrated predictions with the selection loss.
/// </summary>
public static class EnsembleBuilder
{
    public static CombinedMembers Build(IReadOnlyList<Predictions> validation, TargetColumn target, EnsembleOptions options)
    {
        if (validation.Count == 0)
        {
            throw new ArgumentException("no members to combine", nameof(validation));
        }

        var calibrate = options.Calibrate && target.Task.IsClassification();
        var calibrators = validation.Select(p => calibrate ? TemperatureScaling.Fit(p, target.RequireLabels()) : null).ToArray();
        var calibrated = validation.Select((p, m) => calibrators[m]?.Apply(p) ?? p).ToArray();
        var best = MemberSelection.Best(calibrated, target, options.Metric);
        var selection = CaruanaSelector.Select(calibrated, target, options.SelectionMetric);
        return new CombinedMembers(calibrators, calibrated, best, selection, MemberSelection.Blend(calibrated, selection.Weights));
    }

    /// <summary>Applies a combination to the members' predictions on other rows (e.g. a benchmark's test rows).</summary>
    public static Predictions Apply(CombinedMembers combined, IReadOnlyList<Predictions> members) =>
        MemberSelection.Blend(Calibrated(combined, members), combined.Selection.Weights);

    /// <summary>Each member's predictions through its calibrator (unchanged where there is none).</summary>
    public static Predictions[] Calibrated(CombinedMembers combined, IReadOnlyList<Predictions> members)
    {
        if (members.Count != combined.Calibrators.Count)
        {
            throw new ArgumentException($"{members.Count} members given, {combined.Calibrators.Count} combined", nameof(members));
        }

        return members.Select((p, m) => combined.Calibrators[m]?.Apply(p) ?? p).ToArray();
    }
}

/// <summary>How members are combined: the metric for Best-*, the loss of the greedy selection, calibration.</summary>
public sealed record EnsembleOptions(IMetric Metric, IMetric SelectionMetric, bool Calibrate);

/// <summary>
/// The result of <see cref="EnsembleBuilder.Build"/>: per member its calibrator (null when not calibrated) and
/// calibrated validation predictions, the best member's index, the greedy selection and its predictions.
/// </summary>
public sealed record CombinedMembers(
    IReadOnlyList<TemperatureCalibrator?> Calibrators,
    IReadOnlyList<Predictions> Validation,
    int Best,
    EnsembleSelection Selection,
    Predictions Ensemble);
