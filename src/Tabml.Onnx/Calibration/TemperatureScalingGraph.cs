using Tabml.Calibration;
using Tabml.Onnx.Graph;

namespace Tabml.Onnx.Calibration;

/// <summary>
/// Temperature scaling with the uniform mixture, 'ts-mix' (method-spec §14), on float64 probabilities
/// [N, K], in the order <see cref="TemperatureCalibrator.Apply"/> computes it: z = log(p + 1e-30),
/// e = exp(β·z − max_k β·z), p' = ((1 − ε)·e) / Σe + ε/K with ε = 1/(n_cal + 1).
/// </summary>
internal static class TemperatureScalingGraph
{
    /// <summary>What <c>TemperatureScaling.Logits</c> adds to p before the log (pytabkit's GBDT logits).</summary>
    public const double LogitOffset = 1e-30;

    public static string Apply(OnnxGraph g, string probabilities, TemperatureCalibrator calibrator)
    {
        var logits = g.Log(g.Add(probabilities, g.Scalar(LogitOffset)));
        var scaled = g.Mul(g.Scalar(calibrator.InverseTemperature), logits);
        var e = g.Exp(g.Sub(scaled, g.RowMax(scaled)));
        var epsilon = calibrator.Mixture;
        var tempered = g.Div(g.Mul(g.Scalar(1 - epsilon), e), g.RowSum(e));
        return g.Add(tempered, g.Scalar(epsilon / calibrator.Classes));
    }
}
