using Tabml.Bundles;
using Tabml.Data;

namespace Tabml.Learners;

/// <summary>
/// A fitted, immutable model with its own fitted preprocessing. Whoever fits or loads a model owns it and
/// disposes it: LightGBM models hold a native booster, which the garbage collector neither sees nor hurries.
/// </summary>
public interface IModel : IDisposable
{
    /// <summary>The learner that produced it, e.g. <c>lightgbm-td</c>.</summary>
    string LearnerName { get; }

    /// <summary>The model format family that loads it (see <see cref="ModelFormats"/>).</summary>
    string Format { get; }

    TaskKind Task { get; }

    /// <summary>Facts about the fit worth reporting: best iteration or epoch, tree count...</summary>
    IReadOnlyDictionary<string, double> Facts { get; }

    /// <summary>Probabilities (classification) or values (regression); one row per input row.</summary>
    Predictions Predict(Dataset data, int threads);

    /// <summary>Writes the model's entries (fitted preprocessing and model in native form).</summary>
    void Save(IArtifactWriter writer);
}
