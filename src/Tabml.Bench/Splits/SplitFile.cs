using System.Text.Json;
using System.Text.Json.Serialization;
using Tabml.Errors;

namespace Tabml.Bench.Splits;

/// <summary>
/// Splits given as a file, so another tool's exact rows can be reproduced. Accepted: {"splits": [{"train":
/// [...], "valid": [...], "test": [...]}, ...]} and the reference runner's --write-split file: "test_idx" with
/// the train part's inner split in "pytabkit_inner": {"fit_idx", "val_idx"} (0-based data-row indices).
/// </summary>
public static class SplitFile
{
    public static IReadOnlyList<BenchSplit> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw TabmlException.Usage($"split file not found: {path}");
        }

        try
        {
            var file = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(path))!;
            if (file.Splits is { Count: > 0 } splits)
            {
                return splits.Select(s => new BenchSplit(s.Train, s.Valid, s.Test)).ToArray();
            }

            if (file.Inner is { FitIdx: { } fit, ValIdx: { } valid } && file.TestIdx is { } test)
            {
                return [new BenchSplit(fit, valid, test)];
            }
        }
        catch (JsonException e)
        {
            throw TabmlException.Usage($"{path}: not a split file: {e.Message}");
        }

        throw TabmlException.Usage($"{path}: no splits (expected \"splits\", or \"test_idx\" with \"pytabkit_inner\": {{\"fit_idx\", \"val_idx\"}})");
    }

    public static void Write(string path, IReadOnlyList<BenchSplit> splits) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new FileShape(splits.Select(s => new SplitShape(s.Train, s.Valid, s.Test)).ToList(), null, null)));

    /// <summary>Checks that a split's rows exist and do not overlap.</summary>
    public static void Validate(BenchSplit split, int rows, string what)
    {
        var all = split.Train.Concat(split.Valid).Concat(split.Test).ToArray();
        if (all.Any(r => r < 0 || r >= rows))
        {
            throw TabmlException.BadData($"{what}: a split row index is outside 0..{rows - 1}");
        }

        if (all.Distinct().Count() != all.Length)
        {
            throw TabmlException.BadData($"{what}: train, validation and test rows overlap");
        }
    }

    private sealed record FileShape(
        [property: JsonPropertyName("splits")] List<SplitShape>? Splits,
        [property: JsonPropertyName("test_idx")] int[]? TestIdx,
        [property: JsonPropertyName("pytabkit_inner")] InnerShape? Inner);

    private sealed record InnerShape(
        [property: JsonPropertyName("fit_idx")] int[]? FitIdx,
        [property: JsonPropertyName("val_idx")] int[]? ValIdx);

    private sealed record SplitShape(
        [property: JsonPropertyName("train")] int[] Train,
        [property: JsonPropertyName("valid")] int[] Valid,
        [property: JsonPropertyName("test")] int[] Test);
}
