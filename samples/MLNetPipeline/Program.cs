using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.MLNet;
using Tabml.Training;

// Run from the repository root; a test passes its own paths.
var csv = args.Length > 0 ? args[0] : "datasets/phoneme.csv";
var folder = args.Length > 1 ? args[1] : ".";

var ml = new MLContext(seed: 0);
var data = ml.Data.LoadFromTextFile<Sound>(csv, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 0);

// ML.NET transforms first, then tabml (here LightGBM-TD alone) as the trainer.
var pipeline = ml.Transforms.Concatenate("Features", "V1", "V2", "V3", "V4", "V5")
    .Append(ml.Transforms.NormalizeMeanVariance("Features"))
    .Append(new TabmlEstimator(new TabmlEstimatorOptions
    {
        FeatureColumnNames = ["Features"],
        Train = TrainDefaults.Options with { Models = ["lightgbm"] },
    }));
var model = pipeline.Fit(split.TrainSet);
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"test accuracy {metrics.Accuracy:F4}, AUC {metrics.AreaUnderRocCurve:F4}");

// One sound at a time, through ML.NET's PredictionEngine.
var sound = new Sound { V1 = 0.303f, V2 = 0.609f, V3 = 0.474f, V4 = 1.427f, V5 = -0.811f };
var predicted = ml.Model.CreatePredictionEngine<Sound, Prediction>(model).Predict(sound);
Console.WriteLine($"class 1: {predicted.PredictedLabel} (probability {predicted.Probability:F3})");

// An ML.NET model zip cannot hold the tabml step: save the ML.NET steps and the tabml model side by side.
var steps = model.ToArray();
ml.Model.Save(new TransformerChain<ITransformer>(steps[..^1]), data.Schema, Path.Combine(folder, "prepare.zip"));
model.LastTransformer.Save(Path.Combine(folder, "model.tabml"));

var prepare = ml.Model.Load(Path.Combine(folder, "prepare.zip"), out _);
var reloaded = new TransformerChain<ITransformer>(prepare, TabmlTransformer.Load(Path.Combine(folder, "model.tabml")));
var again = ml.Model.CreatePredictionEngine<Sound, Prediction>(reloaded).Predict(sound);
Console.WriteLine($"reloaded: {again.PredictedLabel} (probability {again.Probability:F3})");

/// <summary>A row of datasets/phoneme.csv: five features and the class (0 or 1) as a Boolean label.</summary>
internal sealed class Sound
{
    [LoadColumn(0)]
    public float V1 { get; set; }

    [LoadColumn(1)]
    public float V2 { get; set; }

    [LoadColumn(2)]
    public float V3 { get; set; }

    [LoadColumn(3)]
    public float V4 { get; set; }

    [LoadColumn(4)]
    public float V5 { get; set; }

    [LoadColumn(5)]
    public bool Label { get; set; }
}

/// <summary>What the pipeline adds, as ML.NET's binary trainers name it.</summary>
internal sealed class Prediction
{
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}
