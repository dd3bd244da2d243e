using Tabml.Calibration;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Ensembling;

/// <summary>
/// Combines fitted members from their validation (or out-of-fold) predictions, the same way for `train` and
/// for `bench`: optionally calibrates every classification member ('ts-mix', method-spec §14) on its own
/// validation predictions, picks the best member by the metric (ties to the earlier one), selects
/// ensemble weights greedily (method-spec §7) on the calibrated predictions with the selection loss, and
/// optionally calibrates the blend once more on the same rows.
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
        var blend = MemberSelection.Blend(calibrated, selection.Weights);
        var ensembleCalibrator = options.CalibrateEnsemble && target.Task.IsClassification() ? TemperatureScaling.Fit(blend, target.RequireLabels()) : null;
        return new CombinedMembers(calibrators, calibrated, best, selection, ensembleCalibrator?.Apply(blend) ?? blend) { EnsembleCalibrator = ensembleCalibrator };
    }

    /// <summary>Applies a combination to the members' predictions on other rows (e.g. a benchmark's test rows).</summary>
    public static Predictions Apply(CombinedMembers combined, IReadOnlyList<Predictions> members)
    {
        var blend = MemberSelection.Blend(Calibrated(combined, members), combined.Selection.Weights);
        return combined.EnsembleCalibrator?.Apply(blend) ?? blend;
    }

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

/// <summary>
/// How members are combined: the metric for Best-*, the loss of the greedy selection, calibration of the
/// members and of the blend.
/// </summary>
public sealed record EnsembleOptions(IMetric Metric, IMetric SelectionMetric, bool Calibrate, bool CalibrateEnsemble = false);

/// <summary>
/// The result of <see cref="EnsembleBuilder.Build"/>: per member its calibrator (null when not calibrated) and
/// calibrated validation predictions, the best member's index, the greedy selection and the ensemble's
/// predictions (through <see cref="EnsembleCalibrator"/> when the blend is calibrated).
/// </summary>
public sealed record CombinedMembers(
    IReadOnlyList<TemperatureCalibrator?> Calibrators,
    IReadOnlyList<Predictions> Validation,
    int Best,
    EnsembleSelection Selection,
    Predictions Ensemble)
{
    /// <summary>The blend's own calibrator, fitted after the selection; null when the blend is not calibrated.</summary>
    public TemperatureCalibrator? EnsembleCalibrator { get; init; }
}
