namespace Tabml.Validation;

/// <summary>Training and validation row indices (ascending), and notes for the user about the split.</summary>
public sealed record Holdout(int[] Train, int[] Valid, IReadOnlyList<string> Notes);
