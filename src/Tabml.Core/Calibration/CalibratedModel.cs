using System.Text.Json;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Learners;

namespace Tabml.Calibration;

/// <summary>
/// A classification member with post-hoc temperature calibration (method-spec §14): predicts the inner
/// model's probabilities through its fitted <see cref="TemperatureCalibrator"/>. Stored as the calibrator
/// (calibration.json) and the inner model's own entries under inner/.
/// </summary>
public sealed class CalibratedModel : IModel
{
    public const string FormatName = "calibrated";
    private const string CalibrationEntry = "calibration.json";

    public CalibratedModel(IModel inner, TemperatureCalibrator calibrator)
    {
        if (!inner.Task.IsClassification())
        {
            throw new ArgumentException("only classification members are calibrated", nameof(inner));
        }

        if (inner.Format == FormatName)
        {
            throw new ArgumentException("a calibrated model is not calibrated twice", nameof(inner));
        }

        Inner = inner;
        Calibrator = calibrator;
    }

    public IModel Inner { get; }

    public TemperatureCalibrator Calibrator { get; }

    public string LearnerName => Inner.LearnerName;

    public string Format => FormatName;

    public TaskKind Task => Inner.Task;

    public IReadOnlyDictionary<string, double> Facts
    {
        get
        {
            var facts = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in Inner.Facts)
            {
                facts[key] = value;
            }

            facts["inverse_temperature"] = Calibrator.InverseTemperature;
            return facts;
        }
    }

    public Predictions Predict(Dataset data, int threads) => Calibrator.Apply(Inner.Predict(data, threads));

    public void Dispose() => Inner.Dispose();

    public void Save(IArtifactWriter writer)
    {
        var entry = new CalibrationEntryJson("ts-mix", Inner.Format, Calibrator.InverseTemperature, Calibrator.Classes, Calibrator.CalibrationRows);
        writer.Write(CalibrationEntry, JsonSerializer.SerializeToUtf8Bytes(entry, BundleJson.Options));
        Inner.Save(PrefixedArtifacts.Writing("inner/", writer));
    }

    public static IModel Load(IArtifactReader reader, ModelLoadContext context)
    {
        CalibrationEntryJson? entry;
        try
        {
            entry = JsonSerializer.Deserialize<CalibrationEntryJson>(reader.Read(CalibrationEntry), BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw reader.Corrupt(CalibrationEntry, e.Message);
        }

        var calibrator = entry is null ? null : TemperatureCalibrator.FromStored(entry.Method, entry.InverseTemperature, entry.Classes, entry.CalibrationRows, context.ClassCount);
        if (entry is null || calibrator is null || entry.InnerFormat == FormatName || !ModelFormats.IsKnown(entry.InnerFormat))
        {
            throw reader.Corrupt(CalibrationEntry, "not a valid ts-mix calibrator for this model");
        }

        var inner = ModelFormats.Load(entry.InnerFormat, PrefixedArtifacts.Reading("inner/", reader), context);
        return new CalibratedModel(inner, calibrator);
    }

    private sealed record CalibrationEntryJson(string Method, string InnerFormat, double InverseTemperature, int Classes, int CalibrationRows);
}
