namespace Tabml.Data.Csv;

/// <summary>How to read one CSV file: missing-value tokens and per-column overrides.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Field texts that mean "missing" besides the empty field (e.g. NA, ?, null).</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = [];

    /// <summary>Columns read as categorical whatever their values (--cat).</summary>
    public IReadOnlySet<string> Categorical { get; init; } = new HashSet<string>();

    /// <summary>Columns that must be numeric: text in them is an error (--num).</summary>
    public IReadOnlySet<string> Numeric { get; init; } = new HashSet<string>();

    /// <summary>Columns not read at all (--ignore).</summary>
    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>();

    /// <summary>
    /// The column kept in double precision (the target); all other numeric columns are float32, as the
    /// learners use them.
    /// </summary>
    public string? HighPrecisionColumn { get; init; }

    /// <summary>
    /// When set, only these columns are read, each with its fixed kind (prediction against a stored
    /// schema); a listed column absent from the file is an error, other columns are skipped.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnKind>? ExpectedKinds { get; init; }
}
