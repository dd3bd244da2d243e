using Tabml.Bench.Splits;

namespace Tabml.Bench.Tests;

/// <summary>method-spec §8 splits: 60/20/20 by ceilings, disjoint, covering, a pure function of dataset and split.</summary>
public sealed class SplitTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tabml-split-tests", Guid.NewGuid().ToString("N"));

    public SplitTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1000, 600, 200, 200)]
    [InlineData(1001, 601, 200, 200)]
    [InlineData(7, 5, 1, 1)]
    public void Sizes_follow_the_ceilings_of_the_reference(int rows, int train, int valid, int test)
    {
        var split = SplitPlanner.Random("data", 0, rows);

        Assert.Equal(train, split.Train.Length);
        Assert.Equal(valid, split.Valid.Length);
        Assert.Equal(test, split.Test.Length);
    }

    [Fact]
    public void Parts_are_disjoint_and_cover_every_row()
    {
        var split = SplitPlanner.Random("data", 3, 500);

        Assert.Equal(Enumerable.Range(0, 500), split.Train.Concat(split.Valid).Concat(split.Test).Order());
    }

    [Fact]
    public void A_split_is_a_pure_function_of_dataset_split_and_seed()
    {
        Assert.Equal(SplitPlanner.Random("adult", 1, 300).Test, SplitPlanner.Random("adult", 1, 300).Test);
        Assert.NotEqual(SplitPlanner.Random("adult", 1, 300).Test, SplitPlanner.Random("adult", 2, 300).Test);
        Assert.NotEqual(SplitPlanner.Random("adult", 1, 300).Test, SplitPlanner.Random("other", 1, 300).Test);
        Assert.NotEqual(SplitPlanner.Random("adult", 1, 300).Test, SplitPlanner.Random("adult", 1, 300, seed: 5).Test);
    }

    [Fact]
    public void A_split_file_round_trips()
    {
        var splits = new[] { SplitPlanner.Random("a", 0, 50), SplitPlanner.Random("a", 1, 50) };
        var path = Path.Combine(_dir, "splits.json");

        SplitFile.Write(path, splits);
        var read = SplitFile.Read(path);

        Assert.Equal(2, read.Count);
        Assert.Equal(splits[1].Train, read[1].Train);
        Assert.Equal(splits[1].Valid, read[1].Valid);
        Assert.Equal(splits[1].Test, read[1].Test);
    }

    [Fact]
    public void The_reference_runners_split_format_is_accepted()
    {
        var path = Path.Combine(_dir, "reference.json");
        File.WriteAllText(path, "{\"dataset\":\"d\",\"train_idx\":[0,1,2,3],\"test_idx\":[4],\"pytabkit_inner\":{\"note\":\"n\",\"fit_idx\":[0,2,3],\"val_idx\":[1]}}");

        var split = Assert.Single(SplitFile.Read(path));

        Assert.Equal([0, 2, 3], split.Train);
        Assert.Equal([1], split.Valid);
        Assert.Equal([4], split.Test);
    }

    [Fact]
    public void Overlapping_split_rows_are_refused()
    {
        var error = Assert.Throws<Tabml.Errors.TabmlException>(() => SplitFile.Validate(new BenchSplit([0, 1], [1], [2]), 3, "d"));

        Assert.Contains("overlap", error.Message);
    }
}
