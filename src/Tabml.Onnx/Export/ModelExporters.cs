using Tabml.Calibration;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;
using Tabml.Onnx.Calibration;
using Tabml.Onnx.FastTree;
using Tabml.Onnx.LightGbm;
using Tabml.Onnx.RealMlp;

namespace Tabml.Onnx.Export;

/// <summary>
/// One builder per model format, each adding a model's nodes and returning its output: float64
/// probabilities [N, classes] for classification, float64 values [N, 1] for regression. A wrapper format
/// (fold average, calibration) exports its inner models through <see cref="Export"/>. A format
/// without a builder is refused, never approximated.
/// </summary>
internal static class ModelExporters
{
    private static readonly Dictionary<Type, Func<ExportContext, IModel, string>> Builders = new()
    {
        [typeof(RealMlpModel)] = (context, model) => RealMlpExporter.Export(context, (RealMlpModel)model),
        [typeof(LightGbmModel)] = (context, model) => LightGbmExporter.Export(context, (LightGbmModel)model),
        [typeof(FastTreeModel)] = (context, model) => FastTreeExporter.Export(context, (FastTreeModel)model),
        [typeof(FoldAverageModel)] = (context, model) => FoldAverage(context, (FoldAverageModel)model),
        [typeof(CalibratedModel)] = (context, model) => CalibratedExporter.Export(context, (CalibratedModel)model),
    };

    public static string Export(ExportContext context, IModel model)
    {
        if (!Builders.TryGetValue(model.GetType(), out var build))
        {
            throw new TabmlException(ExitCodes.Usage, $"model format '{model.Format}' ({model.LearnerName}) cannot be exported to ONNX");
        }

        return build(context, model);
    }

    /// <summary>The mean of the fold models' outputs, as <see cref="FoldAverageModel"/> predicts.</summary>
    private static string FoldAverage(ExportContext context, FoldAverageModel model) =>
        MemberAverage.Mean(context.Graph, model.Folds.Select(fold => Export(context, fold)).ToArray());
}
