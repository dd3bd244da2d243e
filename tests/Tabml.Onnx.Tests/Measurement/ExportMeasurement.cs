using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace Tabml.Onnx.Tests.Measurement;

/// <summary>
/// Export time, file size, ONNX Runtime session and inference times (one thread) beside tabml predict's
/// time, and the largest deviation, for the ensemble and each member of a bundle. Every timing is the
/// median of 3 runs after a warm-up run. Prints figures; asserts only the agreement.
/// </summary>
public sealed class ExportMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public void Measure_export_and_ONNX_Runtime_inference()
    {
        var bundle = ModelBundle.Load(Environment.GetEnvironmentVariable(MeasurementFactAttribute.BundleVariable)!);
        var path = Environment.GetEnvironmentVariable(MeasurementFactAttribute.DataVariable)!;
        var data = DatasetReader.ReadForPrediction(path, bundle.Schema);
        var raw = RawColumns.Read(path, bundle.Schema);
        output.WriteLine($"{path}: {data.RowCount} rows; machine: {Environment.ProcessorCount} cores, shared");
        output.WriteLine("model | weight | export s | bytes | ORT session s | ORT inference s | tabml predict s | largest deviation");
        foreach (var member in new string?[] { null }.Concat(bundle.Members.Select(m => m.Name)))
        {
            ModelProto model = null!;
            var export = Median(() => model = OnnxExporter.Export(bundle, member));
            var bytes = model.ToByteArray();
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            InferenceSession session = null!;
            var open = Median(() =>
            {
                session?.Dispose();
                session = new InferenceSession(bytes, options);
            });
            using (session)
            {
                var inputs = Inputs(raw);
                var inference = Median(() => session.Run(inputs).Dispose());
                var predict = Median(() => bundle.Predict(data, 1, member));
                var deviation = Support.Agreement.Check(bundle, data, member, OrtScorer.Score(model, raw));
                var weight = member is null ? "-" : bundle.Members.Single(m => m.Name == member).Weight.ToString("F2", CultureInfo.InvariantCulture);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{member ?? "ensemble"} | {weight} | {export:F2} | {bytes.Length:N0} | {open:F2} | {inference:F3} | {predict:F3} | {deviation.Largest:E2} (label ties {deviation.LabelTies})"));
            }
        }
    }

    private static List<NamedOnnxValue> Inputs(RawColumns raw) =>
        raw.Numeric.Select(c => NamedOnnxValue.CreateFromTensor(c.Key, new DenseTensor<float>(c.Value, [c.Value.Length, 1])))
            .Concat(raw.Text.Select(c => NamedOnnxValue.CreateFromTensor(c.Key, new DenseTensor<string>(c.Value, [c.Value.Length, 1]))))
            .ToList();

    /// <summary>The median of 3 timed runs after one untimed run (JIT, ONNX Runtime's lazy set-up).</summary>
    private static double Median(Action action)
    {
        action();
        var seconds = new double[3];
        for (var i = 0; i < seconds.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return seconds[1];
    }
}
