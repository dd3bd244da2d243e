namespace Tabml.Data;

/// <summary>How a column is stored and learned from.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
}
