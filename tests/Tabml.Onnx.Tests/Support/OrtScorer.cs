using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tabml.Data;
using Tabml.Data.Csv;

namespace Tabml.Onnx.Tests.Support;

/// <summary>
/// Scores an exported model with ONNX Runtime, the independent evaluator: inputs are the raw CSV fields as a
/// user would pass them (numeric float [N, 1] with NaN for missing, categorical text [N, 1] with "" for missing).
/// </summary>
public static class OrtScorer
{
    public static OrtOutputs Score(ModelProto model, RawColumns columns)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model.ToByteArray(), options);
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, values) in columns.Numeric)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, [values.Length, 1])));
        }

        foreach (var (name, values) in columns.Text)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values, [values.Length, 1])));
        }

        using var results = session.Run(inputs);
        var byName = results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        if (byName.TryGetValue(OnnxExporter.ValueOutput, out var value))
        {
            var tensor = value.AsTensor<float>();
            Assert.Equal([columns.RowCount, 1], tensor.Dimensions.ToArray());
            return new OrtOutputs(null, null, tensor.ToArray());
        }

        var probabilities = byName[OnnxExporter.ProbabilitiesOutput].AsTensor<float>();
        var labels = byName[OnnxExporter.LabelOutput].AsTensor<string>();
        Assert.Equal(columns.RowCount, probabilities.Dimensions[0]);
        Assert.Equal([columns.RowCount], labels.Dimensions.ToArray());
        return new OrtOutputs(labels.ToArray(), probabilities.ToArray(), null);
    }
}

/// <summary>ONNX Runtime's outputs: labels and row-major probabilities, or values.</summary>
public sealed record OrtOutputs(string[]? Labels, float[]? Probabilities, float[]? Values);

/// <summary>Raw input columns by name, as a CSV file holds them.</summary>
public sealed record RawColumns(int RowCount, IReadOnlyDictionary<string, float[]> Numeric, IReadOnlyDictionary<string, string[]> Text)
{
    /// <summary>The schema's feature columns of a CSV file, read with tabml's CSV reader but not coded.</summary>
    public static RawColumns Read(string path, DatasetSchema schema)
    {
        var table = CsvTableReader.Read(path, new CsvReadOptions { MissingTokens = schema.MissingTokens, ExpectedKinds = schema.FeatureKinds() });
        var numeric = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var text = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var feature in schema.Features)
        {
            switch (table.Column(feature.Name))
            {
                case NumericValues n:
                    numeric[feature.Name] = n.Single!;
                    break;
                case TextValues t:
                    text[feature.Name] = t.Codes.Select(c => c == TextValues.Missing ? string.Empty : t.Distinct[c]).ToArray();
                    break;
            }
        }

        return new RawColumns(table.RowCount, numeric, text);
    }
}
