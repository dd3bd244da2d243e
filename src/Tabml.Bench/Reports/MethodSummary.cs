namespace Tabml.Bench.Reports;

/// <summary>
/// One method on one task type: the shifted geometric mean of its errors with a 95% interval over splits,
/// training time per 1000 rows, and wins/ties/losses per dataset against the reference method. For
/// classification also the geometric mean of the test log loss and the shifted geometric mean of 1 − AUC
/// (null when some dataset lacks them).
/// </summary>
public sealed record MethodSummary(
    string Method,
    string TaskType,
    int Datasets,
    int Splits,
    double Score,
    double? Lower,
    double? Upper,
    double SecondsPer1000,
    int Wins,
    int Ties,
    int Losses)
{
    public double? LogLoss { get; init; }

    public double? OneMinusAuc { get; init; }
}
