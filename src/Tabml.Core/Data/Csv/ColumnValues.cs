namespace Tabml.Data.Csv;

/// <summary>The values of one CSV column as read, before the schema decides codes and categories.</summary>
public abstract class ColumnValues
{
    protected ColumnValues(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public abstract int Length { get; }
}

/// <summary>A column whose every non-missing field is a finite number; NaN marks missing.</summary>
public sealed class NumericValues : ColumnValues
{
    public NumericValues(string name, float[]? single, double[]? precise)
        : base(name)
    {
        Single = single;
        Precise = precise;
    }

    /// <summary>Float32 values (feature columns).</summary>
    public float[]? Single { get; }

    /// <summary>Float64 values (the high-precision column).</summary>
    public double[]? Precise { get; }

    public override int Length => Single?.Length ?? Precise!.Length;

    public double this[int row] => Single is not null ? Single[row] : Precise![row];
}

/// <summary>A text column, dictionary-coded: <see cref="Codes"/> index <see cref="Distinct"/>, −1 is missing.</summary>
public sealed class TextValues : ColumnValues
{
    public const int Missing = -1;

    public TextValues(string name, int[] codes, IReadOnlyList<string> distinct)
        : base(name)
    {
        Codes = codes;
        Distinct = distinct;
    }

    public int[] Codes { get; }

    public IReadOnlyList<string> Distinct { get; }

    public override int Length => Codes.Length;
}
