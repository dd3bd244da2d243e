namespace Tabml.Data;

/// <summary>The input schema a model was trained on; prediction reads new files against it.</summary>
public sealed record DatasetSchema(IReadOnlyList<ColumnSchema> Features, TargetSchema Target, IReadOnlyList<string> MissingTokens)
{
    public IReadOnlyDictionary<string, ColumnKind> FeatureKinds() =>
        Features.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);
}
