using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tabml.Calibration;
using Tabml.Learners;
using Tabml.Onnx.Calibration;
using Tabml.Onnx.Graph;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Tabml.Onnx.Tests.Calibration;

/// <summary>The ts-mix step (method-spec §14) through ONNX Runtime, against <see cref="TemperatureCalibrator.Apply"/>.</summary>
public sealed class TemperatureScalingGraphTests
{
    [Theory]
    [InlineData(0.4, 3, 99)]
    [InlineData(2.5, 5, 7)]
    [InlineData(40.0, 2, 0)]
    public void The_graph_computes_what_the_calibrator_applies(double beta, int classes, int calibrationRows)
    {
        var p = Probabilities(classes, rows: 20);
        var calibrator = new TemperatureCalibrator(beta, classes, calibrationRows);

        var actual = Score(calibrator, p, classes);

        var expected = calibrator.Apply(new Predictions(p.Length / classes, classes, p)).Values;
        for (var i = 0; i < p.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"value {i}: {actual[i]:R} vs {expected[i]:R}");
        }
    }

    [Fact]
    public void Probabilities_near_the_log_offset_are_shifted_by_it_not_floored()
    {
        // At p = 1e-30, log(p + 1e-30) is log 2 above log(max(p, 1e-30)); a small β keeps that visible.
        var calibrator = new TemperatureCalibrator(0.01, 2, 10);
        double[] p = [1e-30, 1.0];

        var actual = Score(calibrator, p, 2);

        var expected = calibrator.Apply(new Predictions(1, 2, p)).Values;
        Assert.True(Math.Abs(expected[0] - actual[0]) <= 1e-12, $"{actual[0]:R} vs {expected[0]:R}");
        var floored = ((1 - calibrator.Mixture) / (1 + Math.Exp(-0.01 * Math.Log(1e-30)))) + (calibrator.Mixture / 2);
        Assert.True(Math.Abs(floored - actual[0]) > 1e-3, $"{actual[0]:R} is the floored value {floored:R}");
    }

    private static double[] Score(TemperatureCalibrator calibrator, double[] p, int classes)
    {
        var g = new OnnxGraph();
        var input = g.Input("p", DataType.Double, classes);
        g.Output(TemperatureScalingGraph.Apply(g, input, calibrator), "q", DataType.Double, [null, classes]);
        using var session = new InferenceSession(OnnxExporter.Model(g, "test").ToByteArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("p", new DenseTensor<double>(p, [p.Length / classes, classes]))]);
        return results[0].AsTensor<double>().ToArray();
    }

    /// <summary>Random rows summing to 1, one with an exact 0 and one with a tiny probability.</summary>
    private static double[] Probabilities(int classes, int rows)
    {
        var random = new Random(3);
        var p = new double[rows * classes];
        for (var r = 0; r < rows; r++)
        {
            var weights = Enumerable.Range(0, classes).Select(k => r == 0 && k == 0 ? 0.0 : r == 1 && k == 0 ? 1e-28 : -Math.Log(random.NextDouble())).ToArray();
            for (var k = 0; k < classes; k++)
            {
                p[(r * classes) + k] = weights[k] / weights.Sum();
            }
        }

        return p;
    }
}
