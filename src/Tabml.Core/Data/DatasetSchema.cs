using Tabml.Data.Dates;

namespace Tabml.Data;

/// <summary>The input schema a model was trained on; prediction reads new files against it.</summary>
public sealed record DatasetSchema(IReadOnlyList<ColumnSchema> Features, TargetSchema Target, IReadOnlyList<string> MissingTokens)
{
    /// <summary>The date columns; each one's derived features are among <see cref="Features"/>, in its place.</summary>
    public IReadOnlyList<DateColumnSchema> Dates { get; init; } = [];

    /// <summary>The identifier columns of the training data, not used (prediction ignores them too).</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    public IReadOnlyDictionary<string, ColumnKind> FeatureKinds() =>
        Features.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);

    /// <summary>
    /// The columns a file must have to be predicted, with the kind they are read as: every feature that is
    /// not derived from a date, and each date column as text.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnKind> InputKinds()
    {
        var derived = Dates.SelectMany(d => d.FeatureNames).ToHashSet(StringComparer.Ordinal);
        var kinds = Features.Where(f => !derived.Contains(f.Name)).ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);
        foreach (var date in Dates)
        {
            kinds[date.Name] = ColumnKind.Categorical;
        }

        return kinds;
    }

    /// <summary>The input columns in feature order, each date column once in place of its derived features.</summary>
    public IReadOnlyList<string> InputColumns()
    {
        var sourceOf = Dates.SelectMany(d => d.FeatureNames.Select(f => (Feature: f, Source: d.Name))).ToDictionary(x => x.Feature, x => x.Source, StringComparer.Ordinal);
        return Features.Select(f => sourceOf.GetValueOrDefault(f.Name, f.Name)).Distinct(StringComparer.Ordinal).ToArray();
    }
}
