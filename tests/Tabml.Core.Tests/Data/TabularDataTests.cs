using Microsoft.ML.Data;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;

namespace Tabml.Core.Tests.Data;

public sealed class TabularDataTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void In_memory_columns_read_exactly_like_the_same_csv()
    {
        var csv = _dir.File("t.csv", "x,size,code,when,y\n1.5,big,7,2023-07-14,a\n-2,,0.25,2023-07-15,b\n,small,x,,a\n3e5,big,7,2024-01-01,b\n");
        var memory = TabularData.FromColumns(
            TableColumn.Numeric("x", [1.5, -2, null, 3e5]),
            TableColumn.Text("size", ["big", null, "small", "big"]),
            TableColumn.Text("code", ["7", "0.25", "x", "7"]),
            TableColumn.Dates("when", [new DateOnly(2023, 7, 14), new DateOnly(2023, 7, 15), null, new DateOnly(2024, 1, 1)]),
            TableColumn.Text("y", ["a", "b", "a", "b"]));
        var options = new TrainingReadOptions { Target = "y" };

        var fromFile = DatasetReader.ReadForTraining(csv, options);
        var fromMemory = DatasetReader.ReadForTraining(memory, options);

        Assert.Equal(Describe(fromFile), Describe(fromMemory));
        Assert.Equal(["0.25", "7", "x"], ((CategoricalColumn)fromMemory.Dataset.Features.Single(f => f.Name == "code")).Categories);
    }

    [Fact]
    public void A_text_column_of_numbers_is_numeric_and_cat_makes_numbers_categories_in_their_shortest_form()
    {
        var memory = TabularData.FromColumns(TableColumn.Text("n", ["1", "2.50", null]), TableColumn.Numeric("m", [1, 2.5, 1]), TableColumn.Text("y", ["a", "b", "a"]));

        var data = DatasetReader.ReadForTraining(memory, new TrainingReadOptions { Target = "y", Csv = new CsvReadOptions { Categorical = new HashSet<string> { "m" } } });

        Assert.Equal([1f, 2.5f, float.NaN], ((NumericColumn)data.Dataset.Features[0]).Values);
        Assert.Equal(["1", "2.5"], ((CategoricalColumn)data.Dataset.Features[1]).Categories);
    }

    [Fact]
    public void Records_give_a_column_per_member_named_by_column_name_attributes()
    {
        Person[] people = [new(39, "State-gov", true, 1.5f, Shade.Dark), new(null, null, false, 2.5f, Shade.Light), new(41, "State-gov", true, 3.5f, Shade.Dark)];

        var data = DatasetReader.ReadForTraining(TabularData.FromRecords(people), new TrainingReadOptions { Target = "hours-per-week" });

        Assert.Equal(["Age", "workclass", "Active", "Tone"], data.Schema.Features.Select(f => f.Name));
        Assert.Equal([39f, float.NaN, 41f], ((NumericColumn)data.Dataset.Features[0]).Values);
        Assert.Equal([1.5, 2.5, 3.5], data.Dataset.RequireTarget().RequireValues());
        Assert.Equal(["State-gov"], ((CategoricalColumn)data.Dataset.Features[1]).Categories);
        Assert.Equal(["False", "True"], ((CategoricalColumn)data.Dataset.Features[2]).Categories);
        Assert.Equal(["Dark", "Light"], ((CategoricalColumn)data.Dataset.Features[3]).Categories);
    }

    [Fact]
    public void Rows_as_dictionaries_may_leave_out_a_column_and_mix_numbers_with_text()
    {
        var rows = TabularData.FromRows(
        [
            new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x", ["y"] = 0 },
            new Dictionary<string, object?> { ["a"] = 2.5m, ["y"] = 1 },
            new Dictionary<string, object?> { ["a"] = 3L, ["b"] = 4, ["y"] = 0 },
        ]);

        var data = DatasetReader.ReadForTraining(rows, new TrainingReadOptions { Target = "y" });

        Assert.Equal([1f, 2.5f, 3f], ((NumericColumn)data.Dataset.Features[0]).Values);
        var b = (CategoricalColumn)data.Dataset.Features[1];
        Assert.Equal(["4", "x"], b.Categories);
        Assert.Equal([2, 0, 1], b.Codes);
    }

    [Fact]
    public void Tables_that_cannot_be_read_are_errors_naming_the_problem()
    {
        var uneven = Assert.Throws<TabmlException>(() => TabularData.FromColumns(TableColumn.Numeric("a", [1, 2]), TableColumn.Numeric("b", [1])));
        var twice = Assert.Throws<TabmlException>(() => TabularData.FromColumns(TableColumn.Numeric("a", [1]), TableColumn.Numeric("a", [1])));
        var infinite = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(TabularData.FromColumns(TableColumn.Numeric("a", [1, double.PositiveInfinity]), TableColumn.Numeric("y", [0, 1])), new TrainingReadOptions { Target = "y" }));
        var schema = DatasetReader.ReadForTraining(TabularData.FromColumns(TableColumn.Numeric("a", [1, 2]), TableColumn.Numeric("y", [0, 1])), new TrainingReadOptions { Target = "y" }).Schema;
        var absent = Assert.Throws<TabmlException>(() => DatasetReader.ReadForPrediction(TabularData.FromColumns(TableColumn.Numeric("b", [1])), schema));

        Assert.Equal("in-memory table: column 'b' has 1 values, but 'a' has 2", uneven.Message);
        Assert.Equal("in-memory table: duplicate column names 'a'", twice.Message);
        Assert.StartsWith("in-memory table:2: column 'a': 'Infinity' is not a finite number", infinite.Message);
        Assert.Equal("in-memory table: missing column 'a' that the model needs", absent.Message);
        Assert.All([uneven, twice, infinite, absent], e => Assert.Equal(ExitCodes.BadData, e.ExitCode));
    }

    private static string Describe(TrainingData data) => string.Join(
        "\n",
        data.Schema.Features.Select(f => $"{f.Name}:{f.Kind}:{string.Join('|', f.Categories)}")
            .Concat(data.Dataset.Features.Select(f => f is NumericColumn n ? string.Join('|', n.Values) : string.Join('|', ((CategoricalColumn)f).Codes)))
            .Append(string.Join('|', data.Dataset.RequireTarget().RequireLabels())));

    private enum Shade
    {
        Dark,
        Light,
    }

    private sealed record Person(
        int? Age,
        [property: ColumnName("workclass")] string? Workclass,
        bool Active,
        [property: ColumnName("hours-per-week")] float? Hours,
        Shade Tone);
}
