using System.Globalization;
using Tabml.Errors;

namespace Tabml.Onnx.LightGbm;

/// <summary>
/// The parts of LightGBM's model text (format v4, as <c>LGBM_BoosterSaveModelToString</c> writes it) that
/// prediction needs: the header's class count, trees per iteration, objective and feature count, and each
/// tree's key=value lines. Values are parsed with InvariantCulture; thresholds and leaf values are the
/// full-precision doubles LightGBM wrote.
/// </summary>
internal sealed record LightGbmModelText(
    int TreesPerIteration,
    int FeatureCount,
    string Objective,
    IReadOnlyDictionary<string, string> ObjectiveParameters,
    bool AverageOutput,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Trees)
{
    public static LightGbmModelText Parse(string text)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var trees = new List<IReadOnlyDictionary<string, string>>();
        Dictionary<string, string>? tree = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("end of trees", StringComparison.Ordinal))
            {
                break;
            }

            if (line.StartsWith("Tree=", StringComparison.Ordinal))
            {
                tree = new Dictionary<string, string>(StringComparer.Ordinal);
                trees.Add(tree);
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                (tree ?? header)[line[..eq]] = line[(eq + 1)..];
            }
            else if (line == "average_output")
            {
                header["average_output"] = "1";
            }
        }

        var objective = Required(header, "objective").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parameters = objective.Skip(1).Select(p => p.Split(':', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
        return new LightGbmModelText(
            Int(header, "num_tree_per_iteration"),
            Int(header, "max_feature_idx") + 1,
            objective.Length > 0 ? objective[0] : string.Empty,
            parameters,
            header.ContainsKey("average_output"),
            trees);
    }

    public static string Required(IReadOnlyDictionary<string, string> lines, string key) =>
        lines.TryGetValue(key, out var value) ? value : throw Corrupt($"no '{key}' line");

    public static int Int(IReadOnlyDictionary<string, string> lines, string key) =>
        int.TryParse(Required(lines, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Corrupt($"'{key}' is not an integer");

    /// <summary>A space-separated list; an absent or empty line is an empty list.</summary>
    public static T[] List<T>(IReadOnlyDictionary<string, string> lines, string key)
        where T : ISpanParsable<T>
    {
        if (!lines.TryGetValue(key, out var value) || value.Length == 0)
        {
            return [];
        }

        return value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => T.TryParse(v, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Corrupt($"'{key}' holds '{v}'"))
            .ToArray();
    }

    /// <summary>Doubles as LightGBM's writer prints them, including "inf", "-inf" and "nan".</summary>
    public static double[] Doubles(IReadOnlyDictionary<string, string> lines, string key) =>
        List<string>(lines, key).Select(v => v switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" or "-nan" => double.NaN,
            _ => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Corrupt($"'{key}' holds '{v}'"),
        }).ToArray();

    public static TabmlException Corrupt(string problem) => new(ExitCodes.BadModelFile, $"LightGBM model text: {problem}");
}
