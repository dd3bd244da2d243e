namespace Tabml.Data;

/// <summary>A numeric column stored as float32 (as the reference does); NaN marks a missing value.</summary>
public sealed class NumericColumn : FeatureColumn
{
    public NumericColumn(string name, float[] values)
        : base(name)
    {
        Values = values;
    }

    public float[] Values { get; }

    public override ColumnKind Kind => ColumnKind.Numeric;

    public override int Length => Values.Length;

    public override FeatureColumn Slice(ReadOnlySpan<int> rows)
    {
        var values = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = Values[rows[i]];
        }

        return new NumericColumn(Name, values);
    }

    public override int CountMissing()
    {
        var count = 0;
        foreach (var v in Values)
        {
            if (float.IsNaN(v))
            {
                count++;
            }
        }

        return count;
    }
}
