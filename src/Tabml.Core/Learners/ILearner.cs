using Tabml.Data;

namespace Tabml.Learners;

/// <summary>Holds resolved settings; <see cref="Fit"/> returns an immutable model.</summary>
public interface ILearner
{
    /// <summary>The learner's public name, e.g. <c>lightgbm-td</c>.</summary>
    string Name { get; }

    /// <summary>The resolved settings, serialised into the bundle manifest.</summary>
    object Settings { get; }

    /// <summary>
    /// Fits on <paramref name="train"/>; <paramref name="valid"/> drives early stopping or best-epoch
    /// selection when given.
    /// </summary>
    IModel Fit(Dataset train, Dataset? valid, LearnerContext context);
}
