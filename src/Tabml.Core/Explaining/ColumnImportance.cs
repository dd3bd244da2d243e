namespace Tabml.Explaining;

/// <summary>
/// The permutation importance of one input column: how much the metric worsens when the column's values
/// are shuffled across rows (a date column's derived features are shuffled together), over the repeats.
/// </summary>
/// <param name="Column">The input column.</param>
/// <param name="Importance">The mean increase of the metric (lower-is-better loss); near 0 or below: the model does not rely on it.</param>
/// <param name="StdDev">The standard deviation of the increase over the repeats.</param>
/// <param name="Lower">The lower end of the 95% Student-t interval of the mean (null with one repeat).</param>
/// <param name="Upper">The upper end of that interval (null with one repeat).</param>
/// <param name="Increases">The increase of each repeat, in repeat order.</param>
public sealed record ColumnImportance(string Column, double Importance, double StdDev, double? Lower, double? Upper, IReadOnlyList<double> Increases);
