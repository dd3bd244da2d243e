namespace Tabml.Data;

/// <summary>The target column: its name, the task and, for classification, the class labels in code order.</summary>
public sealed record TargetSchema(string Name, TaskKind Task, IReadOnlyList<string> ClassLabels);
