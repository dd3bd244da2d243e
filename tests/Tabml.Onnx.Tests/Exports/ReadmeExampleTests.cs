using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Tabml.Onnx.Tests.Exports;

/// <summary>The README's C# scoring example, run as written on an exported file.</summary>
[Collection(SharedSyntheticBundle.Name)]
public sealed class ReadmeExampleTests(SyntheticBundle trained)
{
    [Fact]
    public void The_README_scoring_example_gives_the_label_and_probabilities_tabml_predicts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tabml-readme-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, OnnxExporter.Export(trained.Bundle).ToByteArray());
        var row = new Dictionary<string, string> { ["x1"] = "1.5", ["x2"] = "0.25", ["c1"] = "k03", ["c2"] = "level2", ["c3"] = string.Empty };
        var (label, probabilities) = Score(path, row);
        File.Delete(path);

        var csv = Path.Combine(Path.GetTempPath(), $"tabml-readme-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(csv, ["x1,x2,c1,c2,c3", "1.5,0.25,k03,level2,"]);
        var expected = trained.Bundle.Predict(Data.DatasetReader.ReadForPrediction(csv, trained.Bundle.Schema));
        File.Delete(csv);
        Assert.Equal(trained.Bundle.Schema.Target.ClassLabels[expected.ArgMax()[0]], label);
        Assert.Equal(expected[0, 1], probabilities[1], 1e-4);
    }

    /// <summary>The README's lines (section "Deploying with ONNX"), with the file's path for "model.onnx".</summary>
    private static (string Label, float[] Probabilities) Score(string path, Dictionary<string, string> row)
    {
        using var session = new InferenceSession(path);
        var inputs = session.InputMetadata.Select(i => i.Value.ElementDataType == TensorElementType.String
            ? NamedOnnxValue.CreateFromTensor(i.Key, new DenseTensor<string>(new[] { row.GetValueOrDefault(i.Key, "") }, [1, 1]))
            : NamedOnnxValue.CreateFromTensor(i.Key, new DenseTensor<float>(new[] { float.TryParse(row.GetValueOrDefault(i.Key), CultureInfo.InvariantCulture, out var x) ? x : float.NaN }, [1, 1])))
            .ToList();
        using var results = session.Run(inputs);
        var label = results.First(r => r.Name == "label").AsTensor<string>()[0];
        var probabilities = results.First(r => r.Name == "probabilities").AsTensor<float>().ToArray();
        return (label, probabilities);
    }
}
