using Tabml.Data;
using Tabml.Data.Dates;

namespace Tabml.Bundles;

/// <summary>Converts the in-memory schema to and from its manifest form.</summary>
internal static class BundleSchemaMapping
{
    public static BundleSchema ToManifest(DatasetSchema schema) => new(
        schema.Features.Select(f => new BundleColumn(f.Name, f.Kind == ColumnKind.Numeric ? "numeric" : "categorical", f.Kind == ColumnKind.Numeric ? null : f.Categories)).ToArray(),
        new BundleTarget(schema.Target.Name, schema.Target.Task.ToName(), schema.Target.ClassLabels),
        schema.MissingTokens,
        schema.Dates.Select(d => new BundleDateColumn(d.Name, d.Format, d.HasTime, d.FeatureNames)).ToArray(),
        schema.Identifiers);

    public static DatasetSchema FromManifest(BundleSchema schema, Func<string, Exception> corrupt)
    {
        var features = schema.Features.Select(f => f.Kind switch
        {
            "numeric" => ColumnSchema.Numeric(f.Name),
            "categorical" => new ColumnSchema(f.Name, ColumnKind.Categorical, f.Categories ?? throw corrupt($"column '{f.Name}' has no category list")),
            _ => throw corrupt($"column '{f.Name}' has unknown kind '{f.Kind}'"),
        }).ToArray();
        TaskKind task;
        try
        {
            task = TaskKindExtensions.Parse(schema.Target.Task);
        }
        catch (ArgumentException)
        {
            throw corrupt($"unknown task '{schema.Target.Task}'");
        }

        if (task.IsClassification() && schema.Target.ClassLabels.Count < 2)
        {
            throw corrupt("a classification model needs at least 2 class labels");
        }

        return new DatasetSchema(features, new TargetSchema(schema.Target.Name, task, schema.Target.ClassLabels), schema.MissingTokens)
        {
            Dates = (schema.Dates ?? []).Select(d => DateColumn(d, features, corrupt)).ToArray(),
            Identifiers = schema.Identifiers ?? [],
        };
    }

    /// <summary>A stored date column; its features must be the ones this tabml derives, and numeric features of the model.</summary>
    private static DateColumnSchema DateColumn(BundleDateColumn stored, ColumnSchema[] features, Func<string, Exception> corrupt)
    {
        var date = new DateColumnSchema(stored.Name, stored.Format, stored.HasTime);
        if (!date.FeatureNames.SequenceEqual(stored.Features, StringComparer.Ordinal))
        {
            throw corrupt($"date column '{stored.Name}' lists features {string.Join(", ", stored.Features)}, not the ones this tabml derives");
        }

        var missing = date.FeatureNames.Where(n => !features.Any(f => f.Name == n && f.Kind == ColumnKind.Numeric)).ToList();
        if (missing.Count == date.FeatureNames.Count)
        {
            throw corrupt($"date column '{stored.Name}': none of its derived features is a numeric feature of the model");
        }

        return date;
    }
}
