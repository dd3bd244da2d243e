using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Calibration;

namespace Tabml.Bundles;

/// <summary>
/// The blended ensemble's own 'ts-mix' calibrator in a bundle's manifest: ensemble.blend_calibration =
/// {"method": "ts-mix", "inverse_temperature": β, "classes": K, "calibration_rows": n}, absent or null when
/// the blend is not calibrated. Read strictly and checked as a calibrated member's entry is.
/// </summary>
public static class EnsembleCalibration
{
    public const string Key = "blend_calibration";

    public static JsonObject ToJson(TemperatureCalibrator calibrator) =>
        JsonSerializer.SerializeToNode(new Entry("ts-mix", calibrator.InverseTemperature, calibrator.Classes, calibrator.CalibrationRows), BundleJson.Options)!.AsObject();

    /// <summary>The calibrator recorded in <paramref name="ensemble"/>, or null; a problem names what is wrong with the entry.</summary>
    public static TemperatureCalibrator? Read(JsonObject? ensemble, int classes, out string? problem)
    {
        problem = null;
        if (ensemble?[Key] is not { } node)
        {
            return null;
        }

        Entry? entry = null;
        try
        {
            entry = node.Deserialize<Entry>(BundleJson.Options);
        }
        catch (JsonException)
        {
            // Reported below as an invalid entry.
        }

        var calibrator = entry is null ? null : TemperatureCalibrator.FromStored(entry.Method, entry.InverseTemperature, entry.Classes, entry.CalibrationRows, classes);
        if (calibrator is null)
        {
            problem = $"ensemble.{Key} is not a valid ts-mix calibrator for {classes.ToString(CultureInfo.InvariantCulture)} classes";
        }

        return calibrator;
    }

    private sealed record Entry(string Method, double InverseTemperature, int Classes, int CalibrationRows);
}
