using Tabml.Data;

namespace Tabml.Bundles;

/// <summary>Converts the in-memory schema to and from its manifest form.</summary>
internal static class BundleSchemaMapping
{
    public static BundleSchema ToManifest(DatasetSchema schema) => new(
        schema.Features.Select(f => new BundleColumn(f.Name, f.Kind == ColumnKind.Numeric ? "numeric" : "categorical", f.Kind == ColumnKind.Numeric ? null : f.Categories)).ToArray(),
        new BundleTarget(schema.Target.Name, schema.Target.Task.ToName(), schema.Target.ClassLabels),
        schema.MissingTokens);

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

        return new DatasetSchema(features, new TargetSchema(schema.Target.Name, task, schema.Target.ClassLabels), schema.MissingTokens);
    }
}
