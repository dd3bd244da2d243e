using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace Tabml.Learners.FastTree;

/// <summary>
/// One fitted FastTree model (binary or regression): its trees for tabml's evaluation, and for binary models
/// the Platt sigmoid FastTree puts on the score (p = 1 / (1 + exp(slope · score + offset)), slope = −2 ·
/// learning rate). <see cref="Transformer"/> is ML.NET's model when it came from ML.NET (training, or a
/// version 1 bundle), null when the trees were read from a bundle.
/// </summary>
internal sealed record FastTreeFit(ITransformer? Transformer, FastTreeForest Forest, double Slope, double Offset)
{
    public static FastTreeFit Of(ITransformer transformer)
    {
        if (transformer is not ISingleFeaturePredictionTransformer<object> single)
        {
            throw new InvalidOperationException($"not a FastTree model: {transformer.GetType().Name}");
        }

        switch (single.Model)
        {
            case CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> binary:
                return new FastTreeFit(transformer, FastTreeForest.From(binary.SubModel.TrainedTreeEnsemble), binary.Calibrator.Slope, binary.Calibrator.Offset);
            case FastTreeRegressionModelParameters regression:
                return new FastTreeFit(transformer, FastTreeForest.From(regression.TrainedTreeEnsemble), 0, 0);
            default:
                throw new InvalidOperationException($"not a FastTree model: {single.Model.GetType().Name}");
        }
    }

    /// <summary>ML.NET's float score turned into FastTree's probability, with ML.NET's own arithmetic.</summary>
    public double Probability(double score) => (float)(1 / (1 + Math.Exp((Slope * (float)score) + Offset)));
}
