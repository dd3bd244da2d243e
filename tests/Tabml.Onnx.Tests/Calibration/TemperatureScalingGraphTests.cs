using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tabml.Onnx.Calibration;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.Tests.Calibration;

/// <summary>The ts-mix step (method-spec §14) through ONNX Runtime, against the formula computed directly.</summary>
public sealed class TemperatureScalingGraphTests
{
    [Theory]
    [InlineData(0.4, 3, 99)]
    [InlineData(2.5, 5, 7)]
    public void The_graph_computes_the_mixture_of_the_tempered_softmax_and_the_uniform_distribution(double beta, int classes, int calibrationRows)
    {
        var random = new Random(3);
        var rows = 20;
        var p = new double[rows * classes];
        for (var r = 0; r < rows; r++)
        {
            var weights = Enumerable.Range(0, classes).Select(k => r == 0 && k == 0 ? 0.0 : -Math.Log(random.NextDouble())).ToArray();
            for (var k = 0; k < classes; k++)
            {
                p[(r * classes) + k] = weights[k] / weights.Sum();
            }
        }

        var g = new OnnxGraph();
        var input = g.Input("p", DataType.Double, classes);
        g.Output(TemperatureScalingGraph.Apply(g, input, beta, classes, calibrationRows, 1e-30), "q", DataType.Double, [null, classes]);
        using var session = new InferenceSession(OnnxExporter.Model(g, "test").ToByteArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("p", new DenseTensor<double>(p, [rows, classes]))]);
        var actual = results[0].AsTensor<double>().ToArray();

        var epsilon = 1.0 / (calibrationRows + 1);
        for (var r = 0; r < rows; r++)
        {
            var z = Enumerable.Range(0, classes).Select(k => beta * Math.Log(Math.Max(p[(r * classes) + k], 1e-30))).ToArray();
            var sum = z.Sum(v => Math.Exp(v - z.Max()));
            for (var k = 0; k < classes; k++)
            {
                var expected = ((1 - epsilon) * Math.Exp(z[k] - z.Max()) / sum) + (epsilon / classes);
                Assert.Equal(expected, actual[(r * classes) + k], 12);
            }
        }
    }
}
