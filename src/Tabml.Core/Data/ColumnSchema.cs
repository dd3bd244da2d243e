namespace Tabml.Data;

/// <summary>One input column as the model knows it: name, kind and, for categorical, its sorted categories.</summary>
public sealed record ColumnSchema(string Name, ColumnKind Kind, IReadOnlyList<string> Categories)
{
    public static ColumnSchema Numeric(string name) => new(name, ColumnKind.Numeric, []);
}
