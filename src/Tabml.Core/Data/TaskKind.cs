namespace Tabml.Data;

/// <summary>The supervised task, inferred from the target column or given with --task.</summary>
public enum TaskKind
{
    Binary,
    Multiclass,
    Regression,
}

public static class TaskKindExtensions
{
    public static bool IsClassification(this TaskKind task) => task != TaskKind.Regression;

    public static string ToName(this TaskKind task) => task switch
    {
        TaskKind.Binary => "binary",
        TaskKind.Multiclass => "multiclass",
        _ => "regression",
    };

    public static TaskKind Parse(string name) => name.ToUpperInvariant() switch
    {
        "BINARY" => TaskKind.Binary,
        "MULTICLASS" => TaskKind.Multiclass,
        "REGRESSION" => TaskKind.Regression,
        _ => throw new ArgumentException($"unknown task '{name}'", nameof(name)),
    };
}
