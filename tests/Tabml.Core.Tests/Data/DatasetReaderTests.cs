using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Core.Tests.Data;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("y\nyes\nno\nyes\n", TaskKind.Binary)]
    [InlineData("y\nred\ngreen\nblue\n", TaskKind.Multiclass)]
    [InlineData("y\n0\n1\n1\n", TaskKind.Binary)]
    [InlineData("y\n1.5\n2\n3\n", TaskKind.Regression)]
    [InlineData("y\n1\n2\n3\n", TaskKind.Regression)]
    public void The_task_follows_the_target_column(string targetColumn, TaskKind expected)
    {
        var lines = targetColumn.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var content = "x," + lines[0] + "\n" + string.Concat(lines.Skip(1).Select((v, i) => $"{i},{v}\n"));
        var path = _dir.File("t.csv", content);

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" });

        Assert.Equal(expected, data.Schema.Target.Task);
    }

    [Fact]
    public void Without_a_target_the_last_column_is_the_target_and_the_user_is_told()
    {
        var path = _dir.File("last.csv", "a,b,label\n1,2,x\n3,4,y\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions(), reporter);

        Assert.Equal("label", data.Schema.Target.Name);
        Assert.Contains(reporter.Infos, m => m.Contains("last column 'label'", StringComparison.Ordinal));
        Assert.Contains(reporter.Infos, m => m.StartsWith("task: binary", StringComparison.Ordinal) && m.Contains("--task", StringComparison.Ordinal));
    }

    [Fact]
    public void Class_labels_and_categories_are_sorted_and_coded_from_one()
    {
        var path = _dir.File("c.csv", "color,size,y\nred,10,b\n,2,a\nblue,10,c\nred,2,a\n");

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Csv = new CsvReadOptions { Categorical = new HashSet<string> { "size" } } });

        var color = Assert.IsType<CategoricalColumn>(data.Dataset.Features[0]);
        Assert.Equal(["blue", "red"], color.Categories);
        Assert.Equal([2, 0, 1, 2], color.Codes);
        var size = Assert.IsType<CategoricalColumn>(data.Dataset.Features[1]);
        Assert.Equal(["2", "10"], size.Categories);
        Assert.Equal(["a", "b", "c"], data.Schema.Target.ClassLabels);
        Assert.Equal([1, 0, 2, 0], data.Dataset.RequireTarget().RequireLabels());
    }

    [Fact]
    public void Rows_without_a_target_are_dropped_with_a_warning_giving_the_count()
    {
        var path = _dir.File("m.csv", "x,y\n1,a\n2,\n3,b\n4,\n5,a\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" }, reporter);

        Assert.Equal(3, data.Dataset.RowCount);
        Assert.Equal([1f, 3f, 5f], ((NumericColumn)data.Dataset.Features[0]).Values);
        Assert.Contains(reporter.Warnings, w => w.Contains("dropped 2 of 5 rows", StringComparison.Ordinal));
    }

    [Fact]
    public void A_constant_target_is_an_error()
    {
        var path = _dir.File("const.csv", "x,y\n1,a\n2,a\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" }));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal($"{path}: column 'y': the target has a single value ('a') in all 2 rows that have one; there is nothing to learn", error.Message);
    }

    [Fact]
    public void An_unknown_target_is_an_error_that_suggests_the_closest_column()
    {
        var path = _dir.File("u.csv", "age,income\n1,a\n2,b\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "incme" }));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Contains("no column 'incme' for --target (did you mean 'income'?)", error.Message);
    }

    [Fact]
    public void An_all_missing_column_is_dropped_with_a_warning()
    {
        var path = _dir.File("allna.csv", "a,empty,y\n1,,x\n2,,y\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" }, reporter);

        Assert.Equal(["a"], data.Schema.Features.Select(f => f.Name));
        Assert.Contains(reporter.Warnings, w => w.Contains("'empty' is missing in every row; dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void No_usable_feature_is_an_error()
    {
        var path = _dir.File("nofeat.csv", "empty,y\n,x\n,y\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" }));

        Assert.Contains("no usable feature column", error.Message);
    }

    [Fact]
    public void Task_binary_on_a_three_class_target_is_an_error()
    {
        var path = _dir.File("three.csv", "x,y\n1,a\n2,b\n3,c\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Task = TaskKind.Binary }));

        Assert.Contains("--task binary needs 2 classes", error.Message);
    }

    [Fact]
    public void A_numeric_target_can_be_made_multiclass_with_numeric_label_order()
    {
        var path = _dir.File("nums.csv", "x,y\n1,10\n2,2\n3,1\n4,2\n");

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Task = TaskKind.Multiclass });

        Assert.Equal(["1", "2", "10"], data.Schema.Target.ClassLabels);
        Assert.Equal([2, 1, 0, 1], data.Dataset.RequireTarget().RequireLabels());
    }

    [Fact]
    public void Prediction_maps_unseen_categories_to_missing_and_counts_them()
    {
        var schema = TrainedSchema();
        var path = _dir.File("new.csv", "color,x,extra\nred,1,q\npurple,2,q\npurple,3,q\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForPrediction(path, schema, reporter: reporter);

        Assert.Equal(3, data.RowCount);
        Assert.Equal([2, 0, 0], ((CategoricalColumn)data.Features[0]).Codes);
        Assert.Contains(reporter.Warnings, w => w.Contains("2 rows have categories not seen in training ('purple')", StringComparison.Ordinal));
    }

    [Fact]
    public void Prediction_ignores_the_target_and_extra_columns_and_keeps_column_order()
    {
        var schema = TrainedSchema();
        var path = _dir.File("reordered.csv", "y,x,zzz,color\nyes,5,1,blue\n");

        var data = DatasetReader.ReadForPrediction(path, schema);

        Assert.Equal(["color", "x"], data.Features.Select(f => f.Name));
        Assert.Equal([1], ((CategoricalColumn)data.Features[0]).Codes);
        Assert.Equal([5f], ((NumericColumn)data.Features[1]).Values);
    }

    [Fact]
    public void Prediction_names_the_columns_the_model_needs_that_are_missing()
    {
        var path = _dir.File("lack.csv", "other\n1\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForPrediction(path, TrainedSchema()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal($"{path}: missing columns 'color', 'x' that the model needs", error.Message);
    }

    [Fact]
    public void Prediction_rejects_text_in_a_numeric_column_naming_column_and_line()
    {
        var path = _dir.File("text.csv", "color,x\nred,1\nred,abc\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForPrediction(path, TrainedSchema()));

        Assert.Equal($"{path}:3: column 'x': 'abc' is not a number, but the column is numeric", error.Message);
    }

    [Fact]
    public void Evaluation_matches_numeric_class_labels_as_numbers()
    {
        var schema = new DatasetSchema([ColumnSchema.Numeric("x")], new TargetSchema("y", TaskKind.Binary, ["0", "1"]), []);
        var path = _dir.File("eval.csv", "x,y\n1,1.0\n2,0\n3,\n");

        var data = DatasetReader.ReadForEvaluation(path, schema);

        Assert.Equal([1, 0], data.Target.RequireLabels());
        Assert.Equal([0, 1], data.RowsWithTarget);
        Assert.Equal(3, data.Features.RowCount);
    }

    private static DatasetSchema TrainedSchema() => new(
        [new ColumnSchema("color", ColumnKind.Categorical, ["blue", "red"]), ColumnSchema.Numeric("x")],
        new TargetSchema("y", TaskKind.Binary, ["no", "yes"]),
        []);
}
