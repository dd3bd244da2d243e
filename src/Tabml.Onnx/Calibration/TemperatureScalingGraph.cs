using Tabml.Onnx.Graph;

namespace Tabml.Onnx.Calibration;

/// <summary>
/// Temperature scaling with the uniform mixture, 'ts-mix' (method-spec §14), on float64 probabilities
/// [N, K]: p' = (1 − ε)·softmax(β·log max(p, floor)) + ε/K with ε = 1/(n_cal + 1). The builder for the
/// calibration wrapper model registers in <c>ModelExporters</c> and calls this on its inner model's output;
/// the log floor must be the floor the wrapper itself puts under p before the log.
/// </summary>
internal static class TemperatureScalingGraph
{
    public static string Apply(OnnxGraph g, string probabilities, double beta, int classes, int calibrationRows, double logFloor)
    {
        var logits = g.Log(g.Max(probabilities, g.Scalar(logFloor)));
        var scaled = g.Softmax(g.Mul(logits, g.Scalar(beta)));
        var epsilon = 1.0 / (calibrationRows + 1);
        return g.Add(g.Mul(scaled, g.Scalar(1.0 - epsilon)), g.Scalar(epsilon / classes));
    }
}
