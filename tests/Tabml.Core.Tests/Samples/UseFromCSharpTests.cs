using System.Globalization;
using System.Text.RegularExpressions;
using Tabml.Core.Tests.TestData;
using Tabml.Data;

namespace Tabml.Core.Tests.Samples;

/// <summary>The README's "Use from C#" program is samples/UseFromCSharp/Program.cs, and it runs.</summary>
public sealed partial class UseFromCSharpTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_readme_shows_exactly_the_sample_program()
    {
        var shown = SampleProgram.CodeBlock(Path.Combine(RepoPaths.Root, "README.md"), "## Use from C#");

        Assert.Equal(SampleProgram.Source("UseFromCSharp"), shown);
    }

    [Fact]
    public void The_program_trains_saves_loads_and_prints_what_the_saved_model_predicts()
    {
        // The program's own code path on the first 4000 rows of adult (the whole file takes minutes on a shared machine).
        var csv = _dir.File("adult4000.csv", string.Join('\n', File.ReadLines(RepoPaths.Dataset("adult.csv")).Take(4001)) + "\n");
        var model = _dir.Combine("adult.tabml");

        var (code, output, error) = SampleProgram.Run("UseFromCSharp", TimeSpan.FromMinutes(10), csv, model);

        Assert.True(code == 0, $"exit {code}: {error}");
        var lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^lightgbm-td +validation error 0\.\d{4}$", lines[0]);
        Assert.Matches(@"^ensemble-td +validation error 0\.\d{4}$", lines[2]);
        var printed = lines.Skip(3).Select(l => PersonLine().Match(l)).ToArray();
        Assert.Equal(3, printed.Length);
        Assert.All(printed, m => Assert.True(m.Success));

        // What the program printed is what the model file it wrote predicts for the first three data rows (the same people).
        var loaded = TabmlModel.Load(model);
        var rows = _dir.File("people.csv", string.Join('\n', File.ReadLines(RepoPaths.Dataset("adult.csv")).Take(1).Concat(PeopleRows)) + "\n");
        var predictions = loaded.Predict(TabularData.FromCsv(rows), new PredictOptions { Threads = 1 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(predictions.Label(i), printed[i].Groups["label"].Value);
            Assert.Equal(predictions.Probability(i, ">50K").ToString("F3", CultureInfo.InvariantCulture), printed[i].Groups["p"].Value);
        }
    }

    private static readonly string[] PeopleRows =
    [
        "39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States,<=50K",
        "52,Self-emp-not-inc,209642,HS-grad,9,Married-civ-spouse,Exec-managerial,Husband,White,Male,0,0,45,United-States,>50K",
        "58,Self-emp-inc,210563,HS-grad,9,Married-civ-spouse,Sales,Wife,White,Female,15024,0,35,United-States,>50K",
    ];

    [GeneratedRegex(@"^person \d: (?<label><=50K|>50K) +P\(>50K\) = (?<p>[01]\.\d{3})$")]
    private static partial Regex PersonLine();
}
