namespace Tabml.Errors;

/// <summary>A place in an input file: file, optional 1-based line and optional column name.</summary>
public readonly record struct SourceLocation(string File, long? Line = null, string? Column = null)
{
    public override string ToString()
    {
        var text = Line is { } line ? $"{File}:{line}" : File;
        return Column is null ? text : $"{text}: column '{Column}'";
    }
}
