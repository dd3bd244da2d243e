namespace Tabml.Explaining;

/// <summary>What <see cref="PermutationImportance.Compute"/> found, most important column first.</summary>
/// <param name="Metric">The metric, a loss (lower is better): error, 1-auc, rmse...</param>
/// <param name="Baseline">The metric on the rows as they are.</param>
/// <param name="Rows">The labelled rows used.</param>
/// <param name="Repeats">Shuffles per column.</param>
/// <param name="Seed">The seed of the row sample and the shuffles.</param>
/// <param name="Model">What was explained: the ensemble or the member's name.</param>
/// <param name="Columns">One entry per input column, by decreasing importance (ties by name).</param>
public sealed record ImportanceReport(string Metric, double Baseline, int Rows, int Repeats, int Seed, string Model, IReadOnlyList<ColumnImportance> Columns);
