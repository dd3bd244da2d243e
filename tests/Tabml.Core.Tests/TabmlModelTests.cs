using System.Globalization;
using System.Text;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Training;

namespace Tabml.Core.Tests;

public sealed class TabmlModelTests : IDisposable
{
    private static readonly TrainOptions Quick = new() { Models = ["lightgbm-d"], Threads = 1, Seed = 3 };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Training_on_in_memory_columns_writes_the_same_model_file_as_training_on_the_csv()
    {
        var (csv, columns) = Data(300);
        var fromFile = TabmlModel.Train(TabularData.FromCsv(csv), "y", Quick);
        var fromMemory = TabmlModel.Train(TabularData.FromColumns(columns), "y", Quick);

        fromFile.Save(_dir.Combine("file.tabml"));
        fromMemory.Save(_dir.Combine("memory.tabml"));

        Assert.Equal(File.ReadAllBytes(_dir.Combine("file.tabml")), File.ReadAllBytes(_dir.Combine("memory.tabml")));
        Assert.Equal(["lightgbm-d", "best-td", "ensemble-td"], fromFile.Leaderboard.Select(r => r.Model));
        Assert.Equal(300, fromFile.TrainingRows);
    }

    [Fact]
    public void A_loaded_model_predicts_labels_and_probabilities_of_in_memory_rows_as_before_saving()
    {
        var (csv, _) = Data(300);
        var model = TabmlModel.Train(TabularData.FromCsv(csv), new TrainingReadOptions { Target = "y" }, Quick);
        model.Save(_dir.Combine("m.tabml"));
        var loaded = TabmlModel.Load(_dir.Combine("m.tabml"));
        var rows = TabularData.FromRows(
        [
            new Dictionary<string, object?> { ["x"] = 2.0, ["color"] = "red", ["when"] = new DateTime(2023, 3, 4), ["unused"] = "ignored" },
            new Dictionary<string, object?> { ["x"] = -2.0, ["color"] = "green", ["when"] = new DateTime(2023, 9, 1) },
        ]);

        var before = model.Predict(rows);
        var after = loaded.Predict(rows);

        Assert.Equal(before.Raw.Values, after.Raw.Values);
        Assert.Equal(["no", "yes"], after.Classes);
        Assert.Equal(2, after.Count);
        Assert.Equal(after.Label(0), after.Labels[0]);
        Assert.Equal(1.0, after.Probability(1, "no") + after.Probability(1, "yes"), 12);
        Assert.Equal(["x", "color", "when"], loaded.InputColumns);
        Assert.Empty(loaded.Leaderboard);
        Assert.Throws<InvalidOperationException>(() => after.Values);
        Assert.Throws<ArgumentException>(() => after.Probability(0, "maybe"));
    }

    [Fact]
    public void Evaluate_scores_labelled_rows_and_a_regression_model_predicts_values()
    {
        var (csv, columns) = Data(300);
        var classifier = TabmlModel.Train(TabularData.FromCsv(csv), "y", Quick);
        var regression = TabmlModel.Train(TabularData.FromColumns(columns), new TrainingReadOptions { Target = "x" }, Quick);

        var report = classifier.Evaluate(TabularData.FromCsv(csv));
        var values = regression.Predict(TabularData.FromColumns(columns)).Values;

        Assert.Equal(300, report.Rows);
        Assert.InRange(report.Error!.Value, 0, 0.2);
        Assert.Equal(TaskKind.Regression, regression.Task);
        Assert.Equal(300, values.Count);
    }

    /// <summary>A learnable binary table (y = x + noise > 0) as a CSV file and as the same in-memory columns.</summary>
    private (string Csv, TableColumn[] Columns) Data(int rows)
    {
        var random = new Random(7);
        var x = new double[rows];
        var color = new string?[rows];
        var when = new DateOnly?[rows];
        var y = new string[rows];
        var text = new StringBuilder("x,color,when,y\n");
        for (var r = 0; r < rows; r++)
        {
            x[r] = Math.Round((random.NextDouble() * 6) - 3, 3);
            color[r] = r % 7 == 0 ? null : new[] { "red", "green", "blue" }[random.Next(3)];
            when[r] = new DateOnly(2023, 1, 1).AddDays(random.Next(365));
            y[r] = x[r] + (0.3 * (random.NextDouble() - 0.5)) > 0 ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{x[r]},{color[r]},{when[r]:yyyy-MM-dd},{y[r]}\n");
        }

        return (_dir.File("data.csv", text.ToString()), [TableColumn.Numeric("x", x), TableColumn.Text("color", color), TableColumn.Dates("when", when), TableColumn.Text("y", y)]);
    }
}
