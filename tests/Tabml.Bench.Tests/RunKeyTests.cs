using Tabml.Bench.Methods;
using Tabml.Bench.Reports;
using Tabml.Bench.Results;
using Tabml.Bench.Running;
using Tabml.Bench.Splits;
using Tabml.Data;
using Tabml.Errors;

namespace Tabml.Bench.Tests;

/// <summary>Result rows are keyed by everything that determines them; a reused --out never mixes runs.</summary>
public sealed class RunKeyTests : IDisposable
{
    private readonly BenchFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Every_row_records_its_data_hash_split_settings_and_version()
    {
        var row = Assert.Single(new BenchRunner().Run(Options("keys")));

        var key = Assert.IsType<RunKey>(row.RunKey);
        Assert.Equal(64, key.DataSha256.Length);
        Assert.Equal("random seed=0 index=0", key.Split);
        Assert.Equal(("y", "binary"), (key.Target, key.Task));
        Assert.Null(key.HpoTrials);
        Assert.False(string.IsNullOrEmpty(key.TabmlVersion));
    }

    [Fact]
    public void A_rerun_with_the_same_settings_reuses_every_row()
    {
        var options = Options("same");
        var first = new BenchRunner().Run(options);
        var progress = new List<BenchProgress>();

        var second = new BenchRunner(progress: new Collect(progress)).Run(options);

        Assert.Empty(progress);
        Assert.Equal(first.Select(r => (r.Score, r.RunKey)), second.Select(r => (r.Score, r.RunKey)));
    }

    [Fact]
    public void Another_seed_in_the_same_folder_is_refused_naming_the_change_and_keeps_the_old_rows()
    {
        var options = Options("seed");
        new BenchRunner().Run(options);
        var results = Path.Combine(options.OutputDirectory, "results.jsonl");
        var before = File.ReadAllText(results);

        var error = Assert.Throws<TabmlException>(() => new BenchRunner().Run(options with { Seed = 1 }));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("1 finished row(s) were made with other settings than this run (tiny_class lightgbm-d split 0: split: random seed=0 index=0 → random seed=1 index=0)", error.Message);
        Assert.Equal(before, File.ReadAllText(results));
    }

    [Fact]
    public void A_changed_data_file_is_refused()
    {
        var options = Options("data");
        new BenchRunner().Run(options);
        File.AppendAllText(Path.Combine(_fixture.Root, "tiny_class.csv"), "0.1,0.2,k1,yes\n");

        var error = Assert.Throws<TabmlException>(() => new BenchRunner().Run(options));

        Assert.Contains("data file: ", error.Message);
    }

    [Fact]
    public void A_split_file_is_keyed_by_its_rows_not_by_the_random_seed()
    {
        var random = SplitPlanner.Random("tiny_class", 0, 300);
        var given = Options("given") with { GivenSplits = [random] };
        var row = Assert.Single(new BenchRunner().Run(given));
        Assert.StartsWith("given sha256=", row.RunKey!.Split, StringComparison.Ordinal);

        var other = new BenchSplit(random.Train[1..], random.Valid, random.Test);
        var error = Assert.Throws<TabmlException>(() => new BenchRunner().Run(given with { GivenSplits = [other] }));

        Assert.Contains("split: given sha256=", error.Message);
    }

    [Fact]
    public void Hpo_trials_key_only_the_rows_they_determine()
    {
        var options = Options("trials") with { HpoTrials = 1 };
        new BenchRunner().Run(options);

        // lightgbm-d does not search: its row stays valid under another trial count.
        var progress = new List<BenchProgress>();
        new BenchRunner(progress: new Collect(progress)).Run(options with { HpoTrials = 2 });
        Assert.Empty(progress);

        var hpo = options with { Methods = ["lightgbm-hpo"], OutputDirectory = _fixture.Folder("trials-hpo") };
        var row = Assert.Single(new BenchRunner().Run(hpo));
        Assert.Equal(1, row.RunKey!.HpoTrials);
        var error = Assert.Throws<TabmlException>(() => new BenchRunner().Run(hpo with { HpoTrials = 2 }));
        Assert.Contains("hpo trials: 1 → 2", error.Message);
    }

    [Fact]
    public void A_presets_key_covers_its_options_not_only_its_members()
    {
        // `best` began to select on log loss with the same member fits: its old rows must not pass for new ones.
        var best = PresetMethods.Resolve("best");
        var onError = best with { Preset = best.Preset! with { SelectOnLogLoss = false } };
        var options = Options("preset-key");

        Assert.Equal(new RunKeys(options).Settings(best, TaskKind.Binary), new RunKeys(options).Settings(PresetMethods.Resolve("best"), TaskKind.Binary));
        Assert.NotEqual(new RunKeys(options).Settings(best, TaskKind.Binary), new RunKeys(options).Settings(onError, TaskKind.Binary));
    }

    [Theory]
    [InlineData("best", true)]
    [InlineData("best+noenscal", false)]
    [InlineData("default", false)]
    [InlineData("default+enscal", true)]
    public void The_blend_calibration_lever_sets_the_option_and_keys_the_rows(string name, bool calibrateEnsemble)
    {
        var method = PresetMethods.Resolve(name);
        var options = Options("enscal-key");
        var other = method with { Preset = method.Preset! with { CalibrateEnsemble = !calibrateEnsemble } };

        Assert.Equal(calibrateEnsemble, method.Preset!.CalibrateEnsemble);
        Assert.NotEqual(new RunKeys(options).Settings(method, TaskKind.Binary), new RunKeys(options).Settings(other, TaskKind.Binary));
    }

    [Fact]
    public void Merging_folders_of_different_runs_is_refused()
    {
        new BenchRunner().Run(Options("run-a"));
        new BenchRunner().Run(Options("run-b") with { Seed = 3 });

        var error = Assert.Throws<TabmlException>(() => BenchReport.Merge([_fixture.Folder("run-a"), _fixture.Folder("run-b")], _fixture.Folder("merged")));

        Assert.Contains("was made with other settings than in an earlier folder", error.Message);
    }

    [Fact]
    public void Rows_without_a_key_from_an_older_tabml_are_refused_rather_than_reused()
    {
        var options = Options("old");
        new BenchRunner().Run(options);
        var results = Path.Combine(options.OutputDirectory, "results.jsonl");
        var line = File.ReadAllText(results);
        File.WriteAllText(results, line[..line.IndexOf(",\"run_key\"", StringComparison.Ordinal)] + "}\n");

        var error = Assert.Throws<TabmlException>(() => new BenchRunner().Run(options));

        Assert.Contains("no key (written by an older tabml)", error.Message);
    }

    private BenchOptions Options(string folder) => new()
    {
        Suite = _fixture.Suite,
        Datasets = _fixture.Suite.Select(["tiny_class"]),
        Methods = ["lightgbm-d"],
        OutputDirectory = _fixture.Folder(folder),
        Splits = 1,
        Threads = 2,
    };

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
