using System.Globalization;
using System.Text;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Core.Tests.Data.Csv;

public sealed class CsvChunkReaderTests : IDisposable
{
    private static readonly Dictionary<string, ColumnKind> Kinds = new(StringComparer.Ordinal) { ["x"] = ColumnKind.Numeric, ["c"] = ColumnKind.Categorical };
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(1000)]
    public void Chunks_hold_every_row_once_in_file_order_for_any_chunk_size(int chunkRows)
    {
        var path = _dir.File("d.csv", Generate(100));
        var options = new CsvReadOptions { ExpectedKinds = Kinds, MissingTokens = ["NA"] };
        var whole = CsvTableReader.Read(path, options);

        var chunks = CsvChunkReader.Read(path, options, chunkRows).ToList();

        Assert.Equal((100 + chunkRows - 1) / chunkRows, chunks.Count);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(chunkRows, c.RowCount));
        var x = chunks.SelectMany(c => ((NumericValues)c.Column("x")!).Single!).ToArray();
        Assert.Equal(((NumericValues)whole.Column("x")!).Single!, x);
        var text = chunks.SelectMany(c => Texts((TextValues)c.Column("c")!)).ToArray();
        Assert.Equal(Texts((TextValues)whole.Column("c")!), text);
        Assert.All(chunks, c => Assert.Null(c.Column("ignored")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    public void A_bad_field_in_a_later_chunk_names_its_file_line_and_column(int chunkRows)
    {
        var lines = Generate(100).Split('\n').ToArray();
        lines[81] = lines[81].Replace(lines[81].Split(',')[0], "abc", StringComparison.Ordinal);
        var path = _dir.File("bad.csv", string.Join('\n', lines));
        var options = new CsvReadOptions { ExpectedKinds = Kinds, MissingTokens = ["NA"] };

        var error = Assert.Throws<TabmlException>(() => CsvChunkReader.Read(path, options, chunkRows).ToList());

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal($"{path}:82: column 'x': 'abc' is not a number, but the column is numeric", error.Message);
    }

    [Fact]
    public void A_ragged_row_after_a_quoted_newline_in_a_later_chunk_names_its_line()
    {
        var content = "x,c,ignored\n1,\"two\nlines\",q\n2,b,q\n3,b,q\n4,b\n";
        var path = _dir.File("ragged.csv", content);

        var error = Assert.Throws<TabmlException>(() => CsvChunkReader.Read(path, new CsvReadOptions { ExpectedKinds = Kinds }, 2).ToList());

        Assert.Equal($"{path}:6: row has 2 fields, but the header has 3", error.Message);
    }

    [Fact]
    public void A_file_with_a_header_only_is_an_error_and_a_missing_column_is_named_before_any_row()
    {
        var empty = _dir.File("header.csv", "x,c\n");
        var noC = _dir.File("noc.csv", "x\n1\n");

        var first = Assert.Throws<TabmlException>(() => CsvChunkReader.Read(empty, new CsvReadOptions { ExpectedKinds = Kinds }, 5).ToList());
        var second = Assert.Throws<TabmlException>(() => CsvChunkReader.Read(noC, new CsvReadOptions { ExpectedKinds = Kinds }, 5).First());

        Assert.Equal($"{empty}: no data rows after the header", first.Message);
        Assert.Equal($"{noC}: missing column 'c' that the model needs", second.Message);
    }

    [Fact]
    public void Chunked_prediction_reading_counts_unseen_categories_over_the_whole_file()
    {
        var schema = new DatasetSchema([ColumnSchema.Numeric("x"), new ColumnSchema("c", ColumnKind.Categorical, ["a", "b"])], new TargetSchema("y", TaskKind.Binary, ["n", "p"]), []);
        var path = _dir.File("p.csv", "x,c\n1,a\n2,zz\n3,b\n4,yy\n5,zz\n6,a\n7,ww\n8,vv\n");
        var wholeWarnings = new CollectingReporter();
        var chunkWarnings = new CollectingReporter();

        var whole = DatasetReader.ReadForPrediction(path, schema, null, wholeWarnings);
        var chunks = PredictionChunks.Read(path, schema, 3, null, chunkWarnings).ToList();

        Assert.Equal([3, 3, 2], chunks.Select(c => c.RowCount));
        Assert.Equal(((CategoricalColumn)whole.Features[1]).Codes, chunks.SelectMany(c => ((CategoricalColumn)c.Features[1]).Codes));
        Assert.Equal(((NumericColumn)whole.Features[0]).Values, chunks.SelectMany(c => ((NumericColumn)c.Features[0]).Values));
        Assert.Single(wholeWarnings.Warnings);
        Assert.Equal(wholeWarnings.Warnings, chunkWarnings.Warnings);
        Assert.Contains("5 rows have categories not seen in training ('zz', 'yy', 'ww', ...)", chunkWarnings.Warnings[0], StringComparison.Ordinal);
    }

    private static IEnumerable<string?> Texts(TextValues values) => values.Codes.Select(code => code == TextValues.Missing ? null : values.Distinct[code]);

    /// <summary>x numeric with NA and empty fields, c categorical with repeats and missing, an extra column, quoted commas.</summary>
    private static string Generate(int rows)
    {
        var text = new StringBuilder("x,c,ignored\n");
        for (var i = 0; i < rows; i++)
        {
            var x = i % 13 == 0 ? "NA" : i % 17 == 0 ? string.Empty : (i * 0.37).ToString("R", CultureInfo.InvariantCulture);
            var c = i % 11 == 0 ? string.Empty : i % 5 == 0 ? "\"with, comma\"" : $"k{i % 4}";
            text.Append(x).Append(',').Append(c).Append(",z").Append(i).Append('\n');
        }

        return text.ToString();
    }
}
