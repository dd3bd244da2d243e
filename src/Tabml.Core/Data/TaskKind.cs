namespace Tabml.Data;

/// <summary>The supervised task, inferred from the target column or given with --task.</summary>
public enum TaskKind
{
    /// <summary>Two classes: one probability per class, the label is the more probable.</summary>
    Binary,

    /// <summary>Three or more classes (or any classes with --task multiclass).</summary>
    Multiclass,

    /// <summary>A numeric value.</summary>
    Regression,
}

/// <summary>Names and predicates of <see cref="TaskKind"/>.</summary>
public static class TaskKindExtensions
{
    /// <summary>True for binary and multiclass.</summary>
    public static bool IsClassification(this TaskKind task) => task != TaskKind.Regression;

    /// <summary>The task's name on the command line and in files: binary, multiclass, regression.</summary>
    public static string ToName(this TaskKind task) => task switch
    {
        TaskKind.Binary => "binary",
        TaskKind.Multiclass => "multiclass",
        _ => "regression",
    };

    /// <summary>The task of a name (any case); an unknown name is an <see cref="ArgumentException"/>.</summary>
    public static TaskKind Parse(string name) => name.ToUpperInvariant() switch
    {
        "BINARY" => TaskKind.Binary,
        "MULTICLASS" => TaskKind.Multiclass,
        "REGRESSION" => TaskKind.Regression,
        _ => throw new ArgumentException($"unknown task '{name}'", nameof(name)),
    };
}
