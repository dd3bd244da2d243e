using Tabml.Calibration;
using Tabml.Onnx.Export;

namespace Tabml.Onnx.Calibration;

/// <summary>
/// A calibrated member (<see cref="CalibratedModel"/>): the inner model exported by its own builder, then
/// the fitted ts-mix step on its probabilities, as <see cref="CalibratedModel.Predict"/> applies it.
/// </summary>
internal static class CalibratedExporter
{
    public static string Export(ExportContext context, CalibratedModel model)
    {
        var inner = ModelExporters.Export(context, model.Inner);
        return TemperatureScalingGraph.Apply(context.Graph, inner, model.Calibrator);
    }
}
