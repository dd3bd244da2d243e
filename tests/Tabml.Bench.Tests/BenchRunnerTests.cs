using Tabml.Bench.Reports;
using Tabml.Bench.Running;

namespace Tabml.Bench.Tests;

/// <summary>The runner end to end on a tiny suite: rows, resume, shards and merge, the baseline check.</summary>
public sealed class BenchRunnerTests : IDisposable
{
    private static readonly string[] Methods = ["lightgbm-d", "fasttree-d"];
    private readonly BenchFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_run_writes_one_row_per_dataset_method_and_split()
    {
        var rows = new BenchRunner().Run(Options("one", Methods, splits: 2));

        Assert.Equal(2 * 2 * 2, rows.Count);
        Assert.All(rows, r => Assert.True(r.Ok, r.Status));
        var regression = rows.First(r => r.Dataset == "tiny_reg");
        Assert.NotNull(regression.Nrmse);
        Assert.Equal(regression.Nrmse, regression.Score);
        Assert.Equal((180, 60, 60), (regression.TrainRows, regression.ValidRows, regression.TestRows));
    }

    [Fact]
    public void Composite_methods_train_their_members_once_and_combine_them()
    {
        var rows = new BenchRunner().Run(Options("composite", ["best-td", "ensemble-td"], splits: 1, datasets: ["tiny_class"]));

        Assert.Equal(["best-td", "ensemble-td", "fasttree-td", "lightgbm-td", "realmlp-td"], rows.Select(r => r.Method).Order());
        var members = rows.Where(r => r.Method.EndsWith("-td", StringComparison.Ordinal) && !r.Method.StartsWith("best", StringComparison.Ordinal) && !r.Method.StartsWith("ensemble", StringComparison.Ordinal)).ToArray();
        var ensemble = rows.Single(r => r.Method == "ensemble-td");
        Assert.Equal(members.Sum(m => m.FitSeconds), ensemble.FitSeconds, 9);
        Assert.True(ensemble.ValidScore <= members.Min(m => m.ValidScore), "the ensemble's validation error is at most the best member's");
        Assert.Contains("weights", ensemble.Details!.Keys);
    }

    [Fact]
    public void A_rerun_skips_finished_rows_and_a_cut_run_is_completed()
    {
        var options = Options("resume", Methods, splits: 2);
        var first = new BenchRunner().Run(options);
        var path = Path.Combine(options.OutputDirectory, "results.jsonl");
        var lines = File.ReadAllLines(path);

        // Simulate an interrupted run: keep 3 rows and a line cut in the middle.
        File.WriteAllLines(path, lines.Take(3).Append(lines[3][..20]));
        var progress = new List<BenchProgress>();
        var resumed = new BenchRunner(progress: new Collect(progress)).Run(options);

        Assert.Equal(first.Count, resumed.Count);
        Assert.Equal(first.Count - 3, progress.Count);
        Assert.Equal(first.Select(r => r.Score), resumed.Select(r => r.Score));
    }

    [Fact]
    public void Shards_merged_equal_one_run()
    {
        var whole = new BenchRunner().Run(Options("whole", Methods, splits: 2));
        var shard1 = new BenchRunner().Run(Options("shard1", Methods, splits: 2) with { Shard = (1, 2) });
        var shard2 = new BenchRunner().Run(Options("shard2", Methods, splits: 2) with { Shard = (2, 2) });

        var merged = BenchReport.Merge([_fixture.Folder("shard1"), _fixture.Folder("shard2")], _fixture.Folder("merged"));

        Assert.NotEmpty(shard1);
        Assert.NotEmpty(shard2);
        Assert.Equal(whole.Count, shard1.Count + shard2.Count);
        Assert.Equal(whole.Select(r => (r.Key, r.Score)), merged.Select(r => (r.Key, r.Score)));
    }

    [Fact]
    public void Reports_write_summary_files_and_plots()
    {
        var options = Options("report", Methods, splits: 2);
        var rows = new BenchRunner().Run(options);

        var summaries = BenchReport.Write(options.OutputDirectory, rows, "lightgbm-d");

        Assert.Equal(4, summaries.Count);
        foreach (var file in new[] { "summary.md", "summary.csv", "pareto-classification.png", "pareto-regression.svg", "relative-classification.png" })
        {
            Assert.True(File.Exists(Path.Combine(options.OutputDirectory, file)), file);
        }
    }

    [Fact]
    public void The_baseline_check_passes_on_its_own_run_and_fails_on_a_planted_regression()
    {
        var rows = new BenchRunner().Run(Options("baseline", Methods, splits: 1));
        var baseline = BaselineCheck.FromResults(rows, "test");
        Assert.Empty(BaselineCheck.Compare(baseline, rows));

        var planted = baseline with { Entries = baseline.Entries.Select((e, i) => i == 0 ? e with { Score = e.Score - (2 * e.Tolerance) } : e).ToArray() };
        var regression = Assert.Single(BaselineCheck.Compare(planted, rows));

        Assert.Equal(baseline.Entries[0].Dataset, regression.Entry.Dataset);
        Assert.Contains(regression.Entry.Method, BaselineCheck.Format([regression]));
    }

    [Fact]
    public void The_baseline_checks_classification_log_loss_and_catches_a_log_loss_regression_alone()
    {
        var rows = new BenchRunner().Run(Options("baseline-ll", Methods, splits: 1));
        var baseline = BaselineCheck.FromResults(rows, "test");
        var logLoss = baseline.Entries.Where(e => e.Metric == "log_loss").ToArray();
        Assert.NotEmpty(logLoss);
        Assert.All(logLoss, e => Assert.Contains(baseline.Entries, s => s.Metric is null && s.Dataset == e.Dataset && s.Method == e.Method));

        // Only the log-loss expectation is lowered: the error entry of the same method still passes.
        var target = logLoss[0];
        var planted = baseline with { Entries = baseline.Entries.Select(e => ReferenceEquals(e, target) ? e with { Score = e.Score - (2 * e.Tolerance) } : e).ToArray() };
        var regression = Assert.Single(BaselineCheck.Compare(planted, rows));

        Assert.Equal("log_loss", regression.Entry.Metric);
        Assert.Contains("log_loss", BaselineCheck.Format([regression]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_baseline_entry_counts_as_a_regression()
    {
        var rows = new BenchRunner().Run(Options("missing", ["lightgbm-d"], splits: 1));
        var baseline = new BaselineFile("t", [new BaselineEntry("tiny_class", "realmlp-td", 0.1, 0.01)]);

        var regression = Assert.Single(BaselineCheck.Compare(baseline, rows));

        Assert.Null(regression.Actual);
    }

    private BenchOptions Options(string folder, string[] methods, int splits, string[]? datasets = null)
    {
        var suite = _fixture.Suite;
        return new BenchOptions
        {
            Suite = suite,
            Datasets = suite.Select(datasets ?? []),
            Methods = methods,
            OutputDirectory = _fixture.Folder(folder),
            Splits = splits,
            Jobs = 2,
            Threads = 2,
        };
    }

    private sealed class Collect(List<BenchProgress> list) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            lock (list)
            {
                list.Add(value);
            }
        }
    }
}
