namespace Tabml.Bench.Splits;

/// <summary>Row indices (into the dataset's rows with a target) of one train/validation/test split.</summary>
public sealed record BenchSplit(int[] Train, int[] Valid, int[] Test);
