using System.Text;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Core.Tests.Data;

public sealed class ColumnRulesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_iso_date_column_becomes_numeric_features_in_its_place()
    {
        var path = _dir.File("d.csv", "a,when,y\n1,2023-07-14,x\n2,2024-02-29,y\n3,,x\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" }, reporter);

        Assert.Equal(["a", "when.year", "when.month", "when.day", "when.weekday", "when.yearday", "when.days"], data.Schema.Features.Select(f => f.Name));
        Assert.All(data.Dataset.Features, f => Assert.IsType<NumericColumn>(f));
        var month = (NumericColumn)data.Dataset.Features[2];
        Assert.Equal(7f, month.Values[0]);
        Assert.Equal(2f, month.Values[1]);
        Assert.True(float.IsNaN(month.Values[2]));
        Assert.Equal("when", Assert.Single(data.Schema.Dates).Name);
        Assert.Contains(reporter.Infos, m => m.Contains("column 'when': dates", StringComparison.Ordinal) && m.Contains("--cat when", StringComparison.Ordinal));
    }

    [Fact]
    public void Date_times_add_hour_and_minute()
    {
        var path = _dir.File("t.csv", "when,y\n2023-07-14T08:30:00Z,1\n2023-07-14 17:05,2\n2023-07-15T00:00:00+02:00,3\n");

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" });

        Assert.Contains("when.hour", data.Schema.Features.Select(f => f.Name));
        var hour = (NumericColumn)data.Dataset.Features.Single(f => f.Name == "when.hour");
        var minute = (NumericColumn)data.Dataset.Features.Single(f => f.Name == "when.minute");
        Assert.Equal([8f, 17f, 0f], hour.Values);
        Assert.Equal([30f, 5f, 0f], minute.Values);
    }

    [Fact]
    public void One_value_that_is_not_a_date_keeps_the_column_categorical()
    {
        var path = _dir.File("n.csv", "when,y\n2023-07-14,1\nsoon,2\n2023-07-16,3\n");

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" });

        Assert.IsType<CategoricalColumn>(Assert.Single(data.Dataset.Features));
        Assert.Empty(data.Schema.Dates);
    }

    [Fact]
    public void Cat_opts_a_date_column_out()
    {
        var path = _dir.File("c.csv", "when,y\n2023-07-14,1\n2023-07-15,2\n2023-07-16,3\n");

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Csv = new CsvReadOptions { Categorical = Set("when") } });

        Assert.Equal(["2023-07-14", "2023-07-15", "2023-07-16"], Assert.IsType<CategoricalColumn>(Assert.Single(data.Dataset.Features)).Categories);
    }

    [Fact]
    public void Date_with_a_format_reads_a_column_that_looks_numeric_and_counts_what_does_not_parse()
    {
        var path = _dir.File("f.csv", "when,y\n20230714,1\n20230715,2\n2023xx16,3\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Dates = Set("when"), DateFormat = "yyyyMMdd" }, reporter);

        var day = (NumericColumn)data.Dataset.Features.Single(f => f.Name == "when.day");
        Assert.Equal(14f, day.Values[0]);
        Assert.True(float.IsNaN(day.Values[2]));
        Assert.Equal("yyyyMMdd", Assert.Single(data.Schema.Dates).Format);
        Assert.Contains(reporter.Warnings, w => w.Contains("1 of 3 values are not dates", StringComparison.Ordinal) && w.Contains("'2023xx16'", StringComparison.Ordinal));
    }

    [Fact]
    public void Date_on_a_column_with_no_date_in_the_layout_is_a_data_error()
    {
        var path = _dir.File("g.csv", "when,y\n20230714,1\n20230715,2\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Dates = Set("when") }));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Contains("column 'when': --date: no value is a date in the ISO-8601 layout (e.g. '20230714'); set --date-format", error.Message);
    }

    [Theory]
    [InlineData("zz", null, "--date: no column 'zz'")]
    [InlineData("when", "d", "--date-format 'd': give a custom pattern")]
    [InlineData("y", null, "--date: column 'y' is the target")]
    public void Date_options_are_checked_against_the_file(string column, string? format, string message)
    {
        var path = _dir.File("u.csv", "when,y\n2023-07-14,1\n2023-07-15,2\n");

        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y", Dates = Set(column), DateFormat = format }));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void An_all_distinct_categorical_column_is_an_identifier_and_is_left_out_with_a_note()
    {
        var path = _dir.File("i.csv", Table(25, r => $"id{r},{(r % 3 == 0 ? "red" : "blue")},{r % 2}", "customer_id,color,y"));
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForTraining(path, new TrainingReadOptions { Target = "y" }, reporter);

        Assert.Equal(["color"], data.Schema.Features.Select(f => f.Name));
        Assert.Equal(["customer_id"], data.Schema.Identifiers);
        Assert.Contains(reporter.Warnings, w => w.Contains("column 'customer_id': all 25 values are distinct, an identifier; not used for training (--keep customer_id uses it)", StringComparison.Ordinal));
    }

    [Fact]
    public void Keep_or_cat_keeps_an_identifier_and_a_repeated_value_or_a_small_table_is_not_one()
    {
        var distinct = _dir.File("k.csv", Table(25, r => $"id{r},{r % 2}", "customer_id,y"));
        var repeated = _dir.File("r.csv", Table(25, r => $"id{Math.Min(r, 23)},{r % 2}", "customer_id,y"));
        var small = _dir.File("s.csv", Table(ColumnRules.MinimumIdentifierRows - 1, r => $"id{r},{r % 2}", "customer_id,y"));

        Assert.Single(DatasetReader.ReadForTraining(distinct, new TrainingReadOptions { Target = "y", Keep = Set("customer_id") }).Dataset.Features);
        Assert.Single(DatasetReader.ReadForTraining(distinct, new TrainingReadOptions { Target = "y", Csv = new CsvReadOptions { Categorical = Set("customer_id") } }).Dataset.Features);
        Assert.Single(DatasetReader.ReadForTraining(repeated, new TrainingReadOptions { Target = "y" }).Dataset.Features);
        Assert.Single(DatasetReader.ReadForTraining(small, new TrainingReadOptions { Target = "y" }).Dataset.Features);
        var error = Assert.Throws<TabmlException>(() => DatasetReader.ReadForTraining(distinct, new TrainingReadOptions { Target = "y" }));
        Assert.Contains("identifier columns left out: customer_id; --keep uses them", error.Message);
    }

    [Fact]
    public void Prediction_derives_the_same_features_ignores_identifiers_and_counts_values_that_are_not_dates()
    {
        var train = _dir.File("p.csv", Table(30, r => $"id{r},2023-07-{(r % 28) + 1:00},{r % 2}", "customer_id,when,y"));
        var schema = DatasetReader.ReadForTraining(train, new TrainingReadOptions { Target = "y" }).Schema;
        var file = _dir.File("q.csv", "when,other\n2023-07-14,1\nlater,2\n,3\n");
        var reporter = new CollectingReporter();

        var data = DatasetReader.ReadForPrediction(file, schema, reporter: reporter);

        Assert.Equal(schema.Features.Select(f => f.Name), data.Features.Select(f => f.Name));
        var day = (NumericColumn)data.Features.Single(f => f.Name == "when.day");
        Assert.Equal(14f, day.Values[0]);
        Assert.True(float.IsNaN(day.Values[1]) && float.IsNaN(day.Values[2]));
        Assert.Equal("q.csv: column 'when': 1 of 3 values are not dates in the ISO-8601 layout (e.g. 'later'); treated as missing", Path.GetFileName(Assert.Single(reporter.Warnings)));
    }

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    private static string Table(int rows, Func<int, string> row, string header)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var r = 0; r < rows; r++)
        {
            text.Append(row(r)).Append('\n');
        }

        return text.ToString();
    }
}
