using Microsoft.ML;
using Microsoft.ML.Data;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.MLNet;
using Tabml.Training;

namespace Tabml.Core.Tests.MLNet;

public sealed class TabmlEstimatorTests : IDisposable
{
    private static readonly TrainOptions Quick = new() { Models = ["lightgbm-d"], Threads = 1 };

    private readonly TempDirectory _dir = new();
    private readonly MLContext _ml = new(seed: 0);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_pipeline_with_an_mlnet_transform_before_tabml_scores_like_an_mlnet_binary_trainer()
    {
        var data = _ml.Data.LoadFromEnumerable(Applicants(600, seed: 1));
        var test = _ml.Data.LoadFromEnumerable(Applicants(300, seed: 2));
        // The step after tabml makes ML.NET check, before fitting, that the schema shape lists PredictedLabel.
        var pipeline = _ml.Transforms.NormalizeMinMax("Income")
            .Append(new TabmlEstimator(new TabmlEstimatorOptions { Train = Quick }))
            .Append(_ml.Transforms.CopyColumns("Decision", "PredictedLabel"));

        var model = pipeline.Fit(data);
        var scored = model.Transform(test);
        var metrics = _ml.BinaryClassification.Evaluate(scored);

        Assert.InRange(metrics.Accuracy, 0.85, 1.0);
        Assert.InRange(metrics.AreaUnderRocCurve, 0.9, 1.0);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Probability"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["Decision"].Type);
        Assert.Equal(["Income", "Debt", "Region"], model.OfType<TabmlTransformer>().Single().Model.InputColumns);

        var rows = _ml.Data.CreateEnumerable<BinaryPrediction>(scored, reuseRowObject: false).ToArray();
        Assert.All(rows, r => Assert.Equal(r.Probability > 0.5f, r.PredictedLabel));
        Assert.All(rows, r => Assert.Equal(r.Score > 0, r.Probability > 0.5f));
    }

    [Fact]
    public void PredictionEngine_gives_each_row_what_the_batch_transform_gives_it()
    {
        var train = _ml.Data.LoadFromEnumerable(Applicants(600, seed: 1));
        var model = new TabmlEstimator(new TabmlEstimatorOptions { Train = Quick }).Fit(train);
        var applicants = Applicants(20, seed: 3);
        var batch = _ml.Data.CreateEnumerable<BinaryPrediction>(model.Transform(_ml.Data.LoadFromEnumerable(applicants)), reuseRowObject: false).ToArray();

        using var engine = _ml.Model.CreatePredictionEngine<Applicant, BinaryPrediction>(model);
        var single = applicants.Select(a => engine.Predict(a)).ToArray();

        Assert.Equal(batch.Select(b => b.Probability), single.Select(s => s.Probability));
        Assert.Equal(batch.Select(b => b.PredictedLabel), single.Select(s => s.PredictedLabel));
        Assert.True(single.Select(s => s.Probability).Distinct().Count() > 5, "successive rows must not reuse one prediction");
    }

    [Fact]
    public void A_key_label_gives_a_probability_vector_and_a_key_that_mlnet_evaluates_and_maps_back()
    {
        var rows = Applicants(900, seed: 4).Select(a => new Graded { Income = a.Income, Debt = a.Debt, Region = a.Region, Grade = a.Income - a.Debt > 20 ? "A" : a.Income - a.Debt > -20 ? "B" : "C" }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label", "Grade")
            .Append(new TabmlEstimator(new TabmlEstimatorOptions { FeatureColumnNames = ["Income", "Debt", "Region"], Train = Quick }))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedGrade", "PredictedLabel"));

        var scored = pipeline.Fit(data).Transform(data);
        var metrics = _ml.MulticlassClassification.Evaluate(scored);

        Assert.InRange(metrics.MicroAccuracy, 0.85, 1.0);
        Assert.Equal(3, ((VectorDataViewType)scored.Schema["Score"].Type).Size);
        var grades = scored.GetColumn<ReadOnlyMemory<char>>("PredictedGrade").Select(g => g.ToString()).ToArray();
        Assert.Equal(["A", "B", "C"], grades.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_single_label_is_regression_and_vector_features_are_read_slot_by_slot()
    {
        var rows = Applicants(600, seed: 5).Select(a => new Amount { Income = a.Income, Debt = a.Debt, Label = (2 * a.Income) - a.Debt }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var pipeline = _ml.Transforms.Concatenate("Features", "Income", "Debt")
            .Append(new TabmlEstimator(new TabmlEstimatorOptions { FeatureColumnNames = ["Features"], Train = Quick }));

        var model = pipeline.Fit(data);
        var metrics = _ml.Regression.Evaluate(model.Transform(data));

        Assert.InRange(metrics.RSquared, 0.9, 1.0);
        Assert.Equal(TaskKind.Regression, model.LastTransformer.Model.Task);
        Assert.Equal(["Features[0]", "Features[1]"], model.LastTransformer.Model.InputColumns);
    }

    [Fact]
    public void MLNet_model_save_refuses_with_the_way_to_save_and_the_split_pipeline_reloads_to_the_same_predictions()
    {
        var data = _ml.Data.LoadFromEnumerable(Applicants(600, seed: 1));
        var model = _ml.Transforms.NormalizeMinMax("Income").Append(new TabmlEstimator(new TabmlEstimatorOptions { Train = Quick })).Fit(data);

        var refused = Assert.Throws<NotSupportedException>(() => _ml.Model.Save(model, data.Schema, _dir.Combine("all.zip")));

        Assert.Contains("TabmlTransformer.Save(path)", refused.Message);
        var steps = model.ToArray();
        _ml.Model.Save(new TransformerChain<ITransformer>(steps[..^1]), data.Schema, _dir.Combine("prepare.zip"));
        model.LastTransformer.Save(_dir.Combine("model.tabml"));
        var prepare = _ml.Model.Load(_dir.Combine("prepare.zip"), out var schema);
        var reloaded = new TransformerChain<ITransformer>(prepare, TabmlTransformer.Load(_dir.Combine("model.tabml")));
        var test = _ml.Data.LoadFromEnumerable(Applicants(50, seed: 7));

        Assert.Equal(model.Transform(test).GetColumn<float>("Probability"), reloaded.Transform(test).GetColumn<float>("Probability"));
        Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
    }

    [Fact]
    public void A_model_trained_by_the_command_line_scores_an_idataview_by_column_names()
    {
        var applicants = Applicants(400, seed: 8);
        var csv = _dir.File("a.csv", "Income,Debt,Region,Label\n" + string.Concat(applicants.Select(a => FormattableString.Invariant($"{a.Income},{a.Debt},{a.Region},{(a.Label ? "yes" : "no")}\n"))));
        TabmlModel.Train(TabularData.FromCsv(csv), "Label", Quick).Save(_dir.Combine("cli.tabml"));

        var transformer = TabmlTransformer.Load(_dir.Combine("cli.tabml"));
        var scored = transformer.Transform(_ml.Data.LoadFromEnumerable(applicants));

        Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var predicted = scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(p => p.ToString() == "yes").ToArray();
        Assert.InRange(predicted.Zip(applicants).Count(x => x.First == x.Second.Label) / 400.0, 0.85, 1.0);
    }

    private static Applicant[] Applicants(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var income = (float)(random.NextDouble() * 100);
            var debt = (float)(random.NextDouble() * 100);
            return new Applicant { Income = income, Debt = debt, Region = random.Next(3) switch { 0 => "north", 1 => "south", _ => "east" }, Label = income - debt + (random.NextDouble() * 10) - 5 > 0 };
        }).ToArray();
    }

    private sealed class Applicant
    {
        public float Income { get; set; }

        public float Debt { get; set; }

        public string Region { get; set; } = string.Empty;

        public bool Label { get; set; }
    }

    private sealed class Graded
    {
        public float Income { get; set; }

        public float Debt { get; set; }

        public string Region { get; set; } = string.Empty;

        public string Grade { get; set; } = string.Empty;
    }

    private sealed class Amount
    {
        public float Income { get; set; }

        public float Debt { get; set; }

        public float Label { get; set; }
    }

    private sealed class BinaryPrediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }

        public float Score { get; set; }
    }
}
