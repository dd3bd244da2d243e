namespace Tabml.Data;

/// <summary>A labelled file read against a model's schema: features of all rows, target of the rows that have one.</summary>
public sealed record EvaluationData(Dataset Features, TargetColumn Target, int[] RowsWithTarget);
