namespace Tabml.Data;

/// <summary>
/// The target: class indices 0..C−1 into <see cref="ClassLabels"/> for classification, or values for
/// regression. Exactly one of <see cref="Labels"/> and <see cref="Values"/> is set.
/// </summary>
public sealed class TargetColumn
{
    private TargetColumn(string name, TaskKind task, int[]? labels, IReadOnlyList<string> classLabels, double[]? values)
    {
        Name = name;
        Task = task;
        Labels = labels;
        ClassLabels = classLabels;
        Values = values;
    }

    public string Name { get; }

    public TaskKind Task { get; }

    public int[]? Labels { get; }

    public IReadOnlyList<string> ClassLabels { get; }

    public double[]? Values { get; }

    public int ClassCount => ClassLabels.Count;

    public int Length => Labels?.Length ?? Values!.Length;

    public static TargetColumn Classification(string name, TaskKind task, int[] labels, IReadOnlyList<string> classLabels)
    {
        if (!task.IsClassification())
        {
            throw new ArgumentException("a classification target needs a classification task", nameof(task));
        }

        return new TargetColumn(name, task, labels, classLabels, null);
    }

    public static TargetColumn Regression(string name, double[] values) =>
        new(name, TaskKind.Regression, null, [], values);

    /// <summary>The class indices; throws for a regression target.</summary>
    public int[] RequireLabels() => Labels ?? throw new InvalidOperationException("the target is not a classification target");

    /// <summary>The regression values; throws for a classification target.</summary>
    public double[] RequireValues() => Values ?? throw new InvalidOperationException("the target is not a regression target");

    public TargetColumn Slice(ReadOnlySpan<int> rows)
    {
        if (Labels is not null)
        {
            var labels = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                labels[i] = Labels[rows[i]];
            }

            return new TargetColumn(Name, Task, labels, ClassLabels, null);
        }

        var values = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = Values![rows[i]];
        }

        return new TargetColumn(Name, Task, null, ClassLabels, values);
    }
}
