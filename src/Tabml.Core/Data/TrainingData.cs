namespace Tabml.Data;

/// <summary>A training file read and typed: the dataset, its schema, and what was dropped on the way.</summary>
public sealed record TrainingData(Dataset Dataset, DatasetSchema Schema, int FileRows, int RowsWithoutTarget, IReadOnlyList<string> DroppedColumns);
