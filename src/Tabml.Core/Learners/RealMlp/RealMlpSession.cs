namespace Tabml.Learners.RealMlp;

/// <summary>A prepared fit: the initialised network, encoded rows, targets and the validation metric.</summary>
internal sealed record RealMlpSession(
    RealMlpNetwork Network,
    EncodedRows Train,
    TrainingTargets Targets,
    EncodedRows? Valid,
    Func<EncodedRows, double>? ValidationMetric,
    int FitRows,
    Func<IReadOnlyDictionary<string, double>, RealMlpModel> Model);
