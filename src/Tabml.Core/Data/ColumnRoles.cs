using Tabml.Data.Dates;

namespace Tabml.Data;

/// <summary>What the column rules decided for a training table: its date columns and its identifier columns.</summary>
internal sealed record ColumnRoles(IReadOnlyDictionary<string, DateColumnSchema> Dates, IReadOnlySet<string> Identifiers);
