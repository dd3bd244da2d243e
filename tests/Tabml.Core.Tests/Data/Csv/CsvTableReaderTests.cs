using System.IO.Compression;
using System.Text;
using Tabml.Core.Tests.TestData;
using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Core.Tests.Data.Csv;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Detects_the_delimiter_among_comma_semicolon_tab_and_pipe(char delimiter)
    {
        var d = delimiter.ToString();
        var path = _dir.File("d.csv", $"a{d}b{d}c\n1{d}x{d}2.5\n3{d}y{d}4\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions());

        Assert.Equal(delimiter, table.Delimiter);
        Assert.Equal(["a", "b", "c"], table.Headers);
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void Reads_quoted_fields_with_delimiters_quotes_and_newlines()
    {
        var path = _dir.File("q.csv", "name,v\n\"Smith, J.\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions());

        var names = (TextValues)table.Columns[0]!;
        Assert.Equal(["Smith, J.", "say \"hi\"", "two\nlines"], names.Codes.Select(c => names.Distinct[c]));
        Assert.Equal([1f, 2f, 3f], ((NumericValues)table.Columns[1]!).Single!);
    }

    [Fact]
    public void Infers_kinds_from_all_rows_and_keeps_the_original_text_of_early_rows()
    {
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 3}.0,{i}\n"));
        var path = _dir.File("late.csv", "mixed,n\n" + rows + "oops,5000\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions());

        var mixed = Assert.IsType<TextValues>(table.Columns[0]);
        Assert.Equal("0.0", mixed.Distinct[mixed.Codes[0]]);
        Assert.Equal("2.0", mixed.Distinct[mixed.Codes[4997]]);
        Assert.Equal("oops", mixed.Distinct[mixed.Codes[5000]]);
        Assert.IsType<NumericValues>(table.Columns[1]);
    }

    [Fact]
    public void Only_the_empty_field_is_missing_unless_tokens_are_given()
    {
        var path = _dir.File("na.csv", "a,b\n1,NA\n,x\n?,y\n");

        var plain = CsvTableReader.Read(path, new CsvReadOptions());
        var withTokens = CsvTableReader.Read(path, new CsvReadOptions { MissingTokens = ["NA", "?"] });

        var a = Assert.IsType<TextValues>(plain.Columns[0]);
        Assert.Equal(TextValues.Missing, a.Codes[1]);
        Assert.Equal("?", a.Distinct[a.Codes[2]]);
        var numeric = Assert.IsType<NumericValues>(withTokens.Columns[0]);
        Assert.Equal(1f, numeric.Single![0]);
        Assert.True(float.IsNaN(numeric.Single[1]) && float.IsNaN(numeric.Single[2]));
        Assert.Equal(TextValues.Missing, ((TextValues)withTokens.Columns[1]!).Codes[0]);
    }

    [Fact]
    public void Reads_gzip_compressed_files()
    {
        var path = _dir.Combine("z.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes("a,b\n1,2\n3,4\n"));
        }

        var table = CsvTableReader.Read(path, new CsvReadOptions());

        Assert.Equal(2, table.RowCount);
        Assert.Equal([2f, 4f], ((NumericValues)table.Columns[1]!).Single!);
    }

    [Fact]
    public void Overrides_make_columns_categorical_numeric_or_ignored()
    {
        var path = _dir.File("o.csv", "zip,score,id\n1001,1.5,a\n1002,2.5,b\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions
        {
            Categorical = new HashSet<string> { "zip" },
            Ignored = new HashSet<string> { "id" },
        });

        Assert.IsType<TextValues>(table.Columns[0]);
        Assert.IsType<NumericValues>(table.Columns[1]);
        Assert.Null(table.Columns[2]);
    }

    [Fact]
    public void A_ragged_row_is_an_error_naming_file_and_line()
    {
        var path = _dir.File("ragged.csv", "a,b,c\n1,2,3\n4,5\n");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.Equal($"{path}:3: row has 2 fields, but the header has 3", error.Message);
    }

    [Fact]
    public void Text_in_a_column_forced_numeric_is_an_error_naming_column_and_line()
    {
        var path = _dir.File("num.csv", "a,b\n1,2\n3,x\n");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions { Numeric = new HashSet<string> { "b" } }));

        Assert.Equal($"{path}:3: column 'b': 'x' is not a number, but the column is numeric", error.Message);
    }

    [Fact]
    public void An_infinite_value_in_a_numeric_column_is_an_error_with_a_hint()
    {
        var path = _dir.File("inf.csv", "a,b\n1,2\n3,inf\n5,6\n");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.StartsWith($"{path}:3: column 'b': 'inf' is not a finite number", error.Message);
        Assert.Contains("--na inf", error.Message);
    }

    [Fact]
    public void Infinity_text_in_a_column_that_turns_categorical_is_a_category()
    {
        var path = _dir.File("infcat.csv", "a,b\n1,inf\n3,low\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions());

        var b = Assert.IsType<TextValues>(table.Columns[1]);
        Assert.Equal(["inf", "low"], b.Codes.Select(c => b.Distinct[c]));
    }

    [Theory]
    [InlineData("", "the file is empty; a header row is required")]
    [InlineData("a,b\n", "no data rows after the header")]
    public void Empty_inputs_are_errors(string content, string message)
    {
        var path = _dir.File("e.csv", content);

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions()));

        Assert.Equal(ExitCodes.BadData, error.ExitCode);
        Assert.EndsWith(message, error.Message);
    }

    [Fact]
    public void A_first_row_of_numbers_is_reported_as_a_missing_header()
    {
        var path = _dir.File("noheader.csv", "1,2,3\n4,5,6\n");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions()));

        Assert.Contains("needs a header row", error.Message);
    }

    [Fact]
    public void Duplicate_column_names_are_an_error_naming_them()
    {
        var path = _dir.File("dup.csv", "a,b,a\n1,2,3\n");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions()));

        Assert.Equal($"{path}:1: duplicate column names in the header: 'a'", error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = _dir.Combine("absent.csv");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions()));

        Assert.Equal($"{path}: file not found", error.Message);
        Assert.Equal(ExitCodes.BadData, error.ExitCode);
    }

    [Fact]
    public void An_unnamed_column_gets_a_name_and_a_warning()
    {
        var path = _dir.File("unnamed.csv", ",a\n0,1\n1,2\n");
        var reporter = new CollectingReporter();

        var table = CsvTableReader.Read(path, new CsvReadOptions(), reporter);

        Assert.Equal(["column_1", "a"], table.Headers);
        Assert.Single(reporter.Warnings);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_name()
    {
        var path = _dir.Combine("bom.csv");
        File.WriteAllText(path, "a,b\n1,2\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var table = CsvTableReader.Read(path, new CsvReadOptions());

        Assert.Equal("a", table.Headers[0]);
    }

    [Fact]
    public void An_unknown_column_in_an_override_is_a_usage_error()
    {
        var path = _dir.File("u.csv", "a,b\n1,2\n");

        var error = Assert.Throws<TabmlException>(() => CsvTableReader.Read(path, new CsvReadOptions { Categorical = new HashSet<string> { "zz" } }));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("--cat", error.Message);
    }
}
