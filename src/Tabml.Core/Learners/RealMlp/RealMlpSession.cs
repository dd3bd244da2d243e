using Tabml.Data;
using Tabml.Metrics;

namespace Tabml.Learners.RealMlp;

/// <summary>
/// A prepared fit: the initialised networks (n_ens of them), encoded rows, targets, the validation rows
/// with the metric that selects the best epoch, and how to wrap the networks into a model.
/// </summary>
internal sealed record RealMlpSession(
    IReadOnlyList<RealMlpNetwork> Networks,
    EncodedRows Train,
    TrainingTargets Targets,
    EncodedRows? Valid,
    TargetColumn? ValidTarget,
    IMetric Metric,
    int FitRows,
    Func<IReadOnlyDictionary<string, double>, RealMlpModel> Model);
