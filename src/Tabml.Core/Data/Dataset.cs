namespace Tabml.Data;

/// <summary>Typed feature columns of equal length plus an optional target.</summary>
public sealed class Dataset
{
    public Dataset(IReadOnlyList<FeatureColumn> features, TargetColumn? target, int rowCount)
    {
        foreach (var column in features)
        {
            if (column.Length != rowCount)
            {
                throw new ArgumentException($"column '{column.Name}' has {column.Length} rows, expected {rowCount}", nameof(features));
            }
        }

        if (target is not null && target.Length != rowCount)
        {
            throw new ArgumentException($"the target has {target.Length} rows, expected {rowCount}", nameof(target));
        }

        Features = features;
        Target = target;
        RowCount = rowCount;
    }

    public IReadOnlyList<FeatureColumn> Features { get; }

    public TargetColumn? Target { get; }

    public int RowCount { get; }

    public TaskKind Task => RequireTarget().Task;

    public TargetColumn RequireTarget() => Target ?? throw new InvalidOperationException("the dataset has no target");

    public IEnumerable<NumericColumn> NumericFeatures => Features.OfType<NumericColumn>();

    public IEnumerable<CategoricalColumn> CategoricalFeatures => Features.OfType<CategoricalColumn>();

    public Dataset Slice(ReadOnlySpan<int> rows)
    {
        var columns = new FeatureColumn[Features.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = Features[c].Slice(rows);
        }

        return new Dataset(columns, Target?.Slice(rows), rows.Length);
    }

    /// <summary>The same rows without the target, as prediction sees them.</summary>
    public Dataset WithoutTarget() => new(Features, null, RowCount);
}
