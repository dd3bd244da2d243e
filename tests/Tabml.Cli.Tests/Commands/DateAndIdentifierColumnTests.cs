using System.Globalization;
using System.Text;

namespace Tabml.Cli.Tests.Commands;

public sealed class DateAndIdentifierColumnTests : IDisposable
{
    private readonly RepoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Info_shows_date_columns_with_their_features_and_identifier_columns_as_not_used()
    {
        var data = Orders(60);

        var result = CliRunner.Run("info", data, "--target", "amount");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"order_id +categorical +0 +60 +identifier, not used \(--keep uses it\)", result.Out);
        Assert.Matches(@"placed +date +0 +\d+ +feature: 8 derived", result.Out);
        Assert.Contains("date column placed (ISO-8601): the models see placed.year, placed.month, placed.day, placed.weekday, placed.yearday, placed.hour, placed.minute, placed.days", result.Out);
        Assert.Contains("column 'order_id': all 60 values are distinct, an identifier", result.Error);

        var opted = CliRunner.Run("info", data, "--target", "amount", "--cat", "placed", "--keep", "order_id");

        Assert.Matches(@"order_id +categorical +0 +60 +feature", opted.Out);
        Assert.Matches(@"placed +categorical", opted.Out);
        Assert.DoesNotContain("date column", opted.Out);
    }

    [Fact]
    public void A_model_with_a_date_column_predicts_files_without_the_identifier_and_warns_about_values_that_are_not_dates()
    {
        var model = _files.PathOf("orders.tabml");
        Assert.Equal(0, CliRunner.Run("train", Orders(200), "--target", "amount", "--models", "lightgbm-d", "--threads", "1", "--out", model, "-q").ExitCode);
        var rows = _files.Write("new.csv", "placed,shop\n2023-05-06T18:00:00Z,b\nsoon,a\n2023-05-08 09:30,a\n");

        var predict = CliRunner.Run("predict", model, rows);

        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(4, predict.Out.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("column 'placed': 1 of 3 values are not dates in the ISO-8601 layout (e.g. 'soon'); treated as missing", predict.Error);
    }

    [Fact]
    public void Date_format_reads_another_layout_and_needs_date()
    {
        var data = _files.Write("de.csv", "tag,n\n14.07.2023,1\n15.07.2023,2\n16.07.2023,3\n");

        var info = CliRunner.Run("info", data, "--date", "tag", "--date-format", "dd.MM.yyyy");
        var alone = CliRunner.Run("info", data, "--date-format", "dd.MM.yyyy");

        Assert.Equal(0, info.ExitCode);
        Assert.Contains("date column tag (dd.MM.yyyy): the models see tag.year", info.Out);
        Assert.Equal(1, alone.ExitCode);
        Assert.Equal("--date-format needs the columns it applies to: --date COL", alone.ErrorLine);
    }

    /// <summary>Orders with an id, a timestamp, a shop and an amount that grows in the evening.</summary>
    private string Orders(int rows)
    {
        var text = new StringBuilder("order_id,placed,shop,amount\n");
        var start = new DateTime(2023, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        for (var r = 0; r < rows; r++)
        {
            var placed = start.AddHours(r * 7);
            text.Append(CultureInfo.InvariantCulture, $"o{r},{placed:yyyy-MM-ddTHH:mm:ssZ},{(r % 3 == 0 ? "a" : "b")},{10 + (placed.Hour >= 17 ? 5 : 0) + (r % 5)}\n");
        }

        return _files.Write($"orders{rows}.csv", text.ToString());
    }
}
