using Tabml.Data;
using Tabml.Learners;

namespace Tabml;

/// <summary>
/// The predictions for some rows, one per input row in input order: for classification the predicted label
/// and a probability per class, for regression the value.
/// </summary>
public sealed class ModelPredictions
{
    private readonly int[]? _labels;

    internal ModelPredictions(TargetSchema target, Predictions raw)
    {
        Task = target.Task;
        Classes = target.ClassLabels;
        Raw = raw;
        _labels = Task.IsClassification() ? raw.ArgMax() : null;
    }

    /// <summary>The task of the model.</summary>
    public TaskKind Task { get; }

    /// <summary>The class labels in probability-column order (empty for regression).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Raw.RowCount;

    /// <summary>The model's outputs: row-major class probabilities, or one value per row.</summary>
    public Predictions Raw { get; }

    /// <summary>The predicted label of each row (the most probable class; the first on ties).</summary>
    public IReadOnlyList<string> Labels => _labels is null ? throw NotFor("labels", "regression") : _labels.Select(l => Classes[l]).ToArray();

    /// <summary>The predicted value of each row (regression).</summary>
    public IReadOnlyList<double> Values => Task == TaskKind.Regression ? Raw.Values : throw NotFor("values", "classification");

    /// <summary>The predicted label of one row.</summary>
    public string Label(int row) => _labels is null ? throw NotFor("labels", "regression") : Classes[_labels[row]];

    /// <summary>The probability of <paramref name="label"/> in one row.</summary>
    public double Probability(int row, string label)
    {
        var index = Classes.ToList().IndexOf(label);
        if (index < 0)
        {
            throw new ArgumentException($"'{label}' is not a class of the model; classes: {string.Join(", ", Classes)}", nameof(label));
        }

        return Raw[row, index];
    }

    /// <summary>The class probabilities of one row, in <see cref="Classes"/> order.</summary>
    public ReadOnlySpan<double> Probabilities(int row) => Task.IsClassification() ? Raw.Row(row) : throw NotFor("probabilities", "regression");

    private static InvalidOperationException NotFor(string what, string task) => new($"a {task} model has no {what}");
}
