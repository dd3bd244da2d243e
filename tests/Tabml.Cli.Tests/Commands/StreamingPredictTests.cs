using Tabml.Bundles;
using Tabml.Data;
using Tabml.Data.Csv;

namespace Tabml.Cli.Tests.Commands;

/// <summary>`predict` reads and predicts a file chunk by chunk: the output must be what a whole-file prediction gives.</summary>
public sealed class StreamingPredictTests : IClassFixture<StreamingPredictTests.CreditModel>, IDisposable
{
    private readonly RepoFiles _files = new();
    private readonly CreditModel _model;

    public StreamingPredictTests(CreditModel model)
    {
        _model = model;
    }

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    [InlineData(999)]
    [InlineData(1000)]
    [InlineData(4096)]
    public void Streamed_predictions_equal_the_whole_file_prediction_for_any_chunk_size(int chunkRows)
    {
        var data = _files.Dataset("credit_g.csv");
        var bundle = ModelBundle.Load(_model.Path);
        var whole = new StringWriter();
        PredictionCsvWriter.Write(whole, bundle.Schema.Target, bundle.Predict(DatasetReader.ReadForPrediction(data, bundle.Schema), threads: 2));
        var outPath = _files.PathOf($"out{chunkRows}.csv");

        var toStdout = CliRunner.Run("predict", _model.Path, data, "--chunk-rows", chunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "3");
        var toFile = CliRunner.Run("predict", _model.Path, data, "--chunk-rows", chunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outPath);

        Assert.Equal(0, toStdout.ExitCode);
        Assert.Equal(1001, toStdout.Out.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(whole.ToString(), toStdout.Out);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(whole.ToString(), File.ReadAllText(outPath));
    }

    [Fact]
    public void A_bad_row_in_a_later_chunk_names_its_line_and_leaves_no_output_file()
    {
        var path = CreditWithDuration("late-bad.csv", 900, "forever");
        var outPath = _files.PathOf("never.csv");

        var result = CliRunner.Run("predict", _model.Path, path, "--chunk-rows", "7", "--out", outPath);

        BadInputTests.AssertOneLineError(result, 2, $"{path}:900: column 'duration': 'forever' is not a number, but the column is numeric");
        Assert.False(File.Exists(outPath));
        Assert.Empty(Directory.GetFiles(_files.Scratch, "*.partial"));
    }

    [Fact]
    public void A_ragged_row_in_a_later_chunk_names_its_line()
    {
        var lines = File.ReadAllLines(_files.Dataset("credit_g.csv"));
        lines[612] += ",extra";
        var path = _files.Write("late-ragged.csv", string.Join('\n', lines) + "\n");

        var result = CliRunner.Run("predict", _model.Path, path, "--chunk-rows", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{path}:613: row has 22 fields, but the header has 21", result.ErrorLine);
    }

    [Fact]
    public void A_NaN_in_a_numeric_column_names_its_line_and_the_na_option_that_predicts_every_row()
    {
        var path = CreditWithDuration("nan.csv", 301, "NaN");

        var refused = CliRunner.Run("predict", _model.Path, path, "--chunk-rows", "100", "--out", _files.PathOf("refused.csv"));
        var marked = CliRunner.Run("predict", _model.Path, path, "--chunk-rows", "100", "--na", "NaN");

        BadInputTests.AssertOneLineError(refused, 2, $"{path}:301: column 'duration': 'NaN' is not a finite number; mark it missing with --na NaN");
        Assert.Equal(0, marked.ExitCode);
        Assert.Equal(1001, marked.Out.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Unseen_categories_are_counted_over_every_chunk()
    {
        var lines = File.ReadAllLines(_files.Dataset("credit_g.csv"));
        var changed = new[] { 1, 2, 500, 998 };
        foreach (var i in changed)
        {
            var fields = lines[i].Split(',');
            fields[3] = "spaceship";
            lines[i] = string.Join(',', fields);
        }

        var path = _files.Write("unseen.csv", string.Join('\n', lines) + "\n");

        var result = CliRunner.Run("predict", _model.Path, path, "--chunk-rows", "10");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("column 'purpose': 4 rows have categories not seen in training ('spaceship')", result.Error, StringComparison.Ordinal);
        Assert.Equal(1001, result.Out.TrimEnd('\n').Split('\n').Length);
    }

    /// <summary>One small LightGBM + FastTree model on credit_g, shared by the tests.</summary>
    /// <summary>A copy of credit_g.csv whose 'duration' (column 2) reads <paramref name="text"/> on file line <paramref name="line"/>.</summary>
    private string CreditWithDuration(string name, int line, string text)
    {
        var lines = File.ReadAllLines(_files.Dataset("credit_g.csv"));
        var fields = lines[line - 1].Split(',');
        fields[1] = text;
        lines[line - 1] = string.Join(',', fields);
        return _files.Write(name, string.Join('\n', lines) + "\n");
    }

    public sealed class CreditModel : IDisposable
    {
        private readonly RepoFiles _files = new();

        public CreditModel()
        {
            Path = _files.PathOf("credit.tabml");
            var train = CliRunner.Run("train", _files.Dataset("credit_g.csv"), "--models", "lightgbm,fasttree", "--out", Path, "-q");
            if (train.ExitCode != 0)
            {
                throw new InvalidOperationException($"training the shared model failed: {train.Error}");
            }
        }

        public string Path { get; }

        public void Dispose() => _files.Dispose();
    }
}
