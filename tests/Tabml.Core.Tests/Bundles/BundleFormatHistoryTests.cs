using System.Globalization;
using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;

namespace Tabml.Core.Tests.Bundles;

public sealed class BundleFormatHistoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_format_1_bundle_still_loads_and_predicts_what_the_tabml_that_wrote_it_predicted()
    {
        var bundle = ModelBundle.Load(RepoPaths.Fixture("Bundles/abalone-lightgbm-d.v1.tabml"));
        var rows = DatasetReader.ReadForPrediction(RepoPaths.Fixture("Bundles/abalone-rows.csv"), bundle.Schema);

        var predictions = bundle.Predict(rows, threads: 1);

        var expected = File.ReadAllLines(RepoPaths.Fixture("Bundles/abalone-lightgbm-d.v1.predictions.csv")).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(20, expected.Length);
        Assert.Equal(expected, predictions.Values);
        Assert.Empty(bundle.Schema.Dates);
        Assert.Empty(bundle.Schema.Identifiers);
    }

    [Fact]
    public void A_default_bundle_of_tabml_0_1_with_every_learner_still_loads_and_predicts_what_it_predicted()
    {
        // Its member settings predate FastTree's early_stopping_rounds and RealMLP's n_ens: they must still be accepted.
        using var bundle = ModelBundle.Load(RepoPaths.Fixture("Bundles/credit-all.v1.tabml"));
        var rows = DatasetReader.ReadForPrediction(RepoPaths.Fixture("Bundles/credit-rows.csv"), bundle.Schema);

        var predictions = bundle.Predict(rows, threads: 1);

        var expected = File.ReadAllLines(RepoPaths.Fixture("Bundles/credit-all.v1.predictions.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(20, expected.Length);
        Assert.Equal(["lightgbm-td", "fasttree-td", "realmlp-td"], bundle.Members.Select(m => m.Name));
        for (var r = 0; r < expected.Length; r++)
        {
            // RealMLP's summation order changed with the engine, so probabilities agree to float32 rounding, not bit for bit.
            Assert.Equal(double.Parse(expected[r][2], CultureInfo.InvariantCulture), predictions.Row(r)[1], 1e-6);
            Assert.Equal(expected[r][0], bundle.Schema.Target.ClassLabels[predictions.Row(r)[1] > predictions.Row(r)[0] ? 1 : 0]);
        }
    }

    [Fact]
    public void Date_and_identifier_columns_survive_save_and_load()
    {
        ConstantModel.EnsureRegistered();
        var path = _dir.File("d.csv", "id,when,y\n" + string.Concat(Enumerable.Range(0, 24).Select(r => $"c{r},2023-07-{r + 1:00}T10:{r:00},{r % 2}\n")));
        var training = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" });
        var settings = new System.Text.Json.Nodes.JsonObject { ["models"] = new System.Text.Json.Nodes.JsonArray("c"), ["seed"] = 0 };
        var bundle = new ModelBundle(training.Schema, settings, new BundleValidation("holdout", 1, 1, "error"), [new BundleMember("c", new ConstantModel(TaskKind.Binary, [0.5, 0.5]), 1, new Dictionary<string, double>(), null)]);
        var file = _dir.Combine("m.tabml");

        bundle.Save(file);
        var loaded = ModelBundle.Load(file);

        var date = Assert.Single(loaded.Schema.Dates);
        Assert.Equal(("when", (string?)null, true), (date.Name, date.Format, date.HasTime));
        Assert.Equal(["id"], loaded.Schema.Identifiers);
        Assert.Equal(training.Schema.Features.Select(f => f.Name), loaded.Schema.Features.Select(f => f.Name));
    }
}
