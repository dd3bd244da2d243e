namespace Tabml.Data;

/// <summary>One typed input column. Fitted things never mutate a column; slicing copies.</summary>
public abstract class FeatureColumn
{
    protected FeatureColumn(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public abstract ColumnKind Kind { get; }

    public abstract int Length { get; }

    public abstract FeatureColumn Slice(ReadOnlySpan<int> rows);

    public abstract int CountMissing();
}
