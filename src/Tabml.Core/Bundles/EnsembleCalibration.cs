using System.Globalization;
using System.Text.Json.Nodes;
using Tabml.Calibration;

namespace Tabml.Bundles;

/// <summary>
/// The blended ensemble's own 'ts-mix' calibrator in a bundle's manifest: ensemble.blend_calibration =
/// {"method": "ts-mix", "inverse_temperature": β, "classes": K, "calibration_rows": n}, absent or null when
/// the blend is not calibrated.
/// </summary>
public static class EnsembleCalibration
{
    public const string Key = "blend_calibration";

    public static JsonObject ToJson(TemperatureCalibrator calibrator) => new()
    {
        ["method"] = "ts-mix",
        ["inverse_temperature"] = calibrator.InverseTemperature,
        ["classes"] = calibrator.Classes,
        ["calibration_rows"] = calibrator.CalibrationRows,
    };

    /// <summary>The calibrator recorded in <paramref name="ensemble"/>, or null; a problem names what is wrong with the entry.</summary>
    public static TemperatureCalibrator? Read(JsonObject? ensemble, int classes, out string? problem)
    {
        problem = null;
        if (ensemble?[Key] is not { } node)
        {
            return null;
        }

        if (node is JsonObject entry
            && Text(entry, "method") == "ts-mix"
            && Number(entry, "inverse_temperature") is { } beta && beta > 0 && double.IsFinite(beta)
            && Number(entry, "classes") is { } k && k == classes && k >= 2
            && Number(entry, "calibration_rows") is { } rows && rows >= 0 && rows == Math.Floor(rows) && rows <= int.MaxValue
            && entry.Count == 4)
        {
            return new TemperatureCalibrator(beta, (int)k, (int)rows);
        }

        problem = $"ensemble.{Key} is not a valid ts-mix calibrator for {classes.ToString(CultureInfo.InvariantCulture)} classes";
        return null;
    }

    private static string? Text(JsonObject entry, string name) =>
        entry[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A number read back from a file, or written in memory as a double or an integer.</summary>
    private static double? Number(JsonObject entry, string name) =>
        entry[name] is not JsonValue value ? null
        : value.TryGetValue<double>(out var number) ? number
        : value.TryGetValue<int>(out var integer) ? integer
        : value.TryGetValue<long>(out var wide) ? wide
        : null;
}
