namespace Tabml.Onnx.Tests.Measurement;

/// <summary>A measurement, not a check: it runs only when the bundle and data to measure are named in the environment.</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string BundleVariable = "TABML_ONNX_MEASURE_BUNDLE";
    public const string DataVariable = "TABML_ONNX_MEASURE_DATA";

    public MeasurementFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BundleVariable)) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DataVariable)))
        {
            Skip = $"set {BundleVariable} and {DataVariable} to measure (scripts/measure/onnx-measure.sh)";
        }
    }
}
