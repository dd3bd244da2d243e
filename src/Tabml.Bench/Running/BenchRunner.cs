using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Tabml.Bench.Methods;
using Tabml.Bench.Results;
using Tabml.Bench.Splits;
using Tabml.Bench.Suites;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Metrics;
using Tabml.Reporting;

namespace Tabml.Bench.Running;

/// <summary>
/// Runs every (dataset, split) group of a benchmark — its member methods first, then the composites built
/// from their cached predictions — appending one result row per method as it finishes. Rows already in
/// results.jsonl under the same <see cref="RunKey"/> are skipped, so an interrupted run resumes; rows under
/// another key make the run refuse to start; a shard runs every n-th group.
/// </summary>
public sealed class BenchRunner
{
    private readonly IReporter _reporter;
    private readonly IProgress<BenchProgress>? _progress;
    private readonly ConcurrentDictionary<string, Lazy<Dataset>> _datasets = new(StringComparer.Ordinal);

    public BenchRunner(IReporter? reporter = null, IProgress<BenchProgress>? progress = null)
    {
        _reporter = reporter ?? NullReporter.Instance;
        _progress = progress;
    }

    public IReadOnlyList<ResultRow> Run(BenchOptions options, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var store = new ResultStore(Path.Combine(options.OutputDirectory, "results.jsonl"));
        var cache = new PredictionCache(Path.Combine(options.OutputDirectory, "cache"));
        var methods = MethodCatalog.WithMembers(options.Methods);
        var splitCount = options.GivenSplits?.Count ?? options.Splits;
        var groups = options.Datasets.SelectMany(d => Enumerable.Range(0, splitCount).Select(s => (Entry: d, Split: s)))
            .Where((_, i) => i % options.Shard.Count == options.Shard.Index - 1)
            .ToArray();
        var keys = new RunKeys(options);
        var planned = groups.SelectMany(g => methods.Select(m => (Name: (g.Entry.Name, m.Name, g.Split), Key: keys.For(g.Entry, g.Split, m))))
            .ToDictionary(x => x.Name, x => x.Key);
        var existing = store.ReadAll();
        RefuseOtherSettings(options.OutputDirectory, existing, planned);
        var done = existing.Where(r => r.Ok && planned.TryGetValue(r.Key, out var key) && key == r.RunKey).Select(r => r.Key).ToHashSet();
        var total = groups.Sum(g => methods.Count(m => !done.Contains((g.Entry.Name, m.Name, g.Split))));
        _reporter.Info($"benchmark: {groups.Length} dataset splits × {methods.Count} methods, {total} runs to do ({done.Count} done before)");
        var finished = 0;
        var clock = Stopwatch.StartNew();
        var threads = Math.Max(1, options.Threads / Math.Max(1, options.Jobs));
        // A failing group (a bad dataset file) ends the run. Groups start in order, so the first failing group
        // always runs: reporting it, not the first to fail, gives the same error whatever the timing.
        var failures = new ConcurrentBag<(long Group, Exception Error)>();
        try
        {
            Parallel.ForEach(
                Partitioner.Create(groups, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellation },
                (group, _, index) =>
                {
                    try
                    {
                        RunGroup(group);
                    }
                    catch (Exception e)
                    {
                        failures.Add((index, e));
                        throw;
                    }
                });
        }
        catch (AggregateException) when (!failures.IsEmpty)
        {
            ExceptionDispatchInfo.Throw(failures.MinBy(f => f.Group).Error);
        }

        return store.ReadAll();

        void RunGroup((SuiteEntry Entry, int Split) group)
        {
            var outcomes = new Dictionary<string, MethodOutcome?>(StringComparer.Ordinal);
            var pending = methods.Where(m => !done.Contains((group.Entry.Name, m.Name, group.Split))).ToArray();
            // Members of pending composites, and the validated fits that pending refits reuse.
            var needed = pending.SelectMany(m => m.Members).Concat(pending.Select(m => m.Variant?.ValidatedName).OfType<string>()).ToHashSet(StringComparer.Ordinal);
            TaskData? data = null;
            foreach (var method in methods)
            {
                var isDone = done.Contains((group.Entry.Name, method.Name, group.Split));
                if (isDone && !needed.Contains(method.Name))
                {
                    continue;
                }

                var key = planned[(group.Entry.Name, method.Name, group.Split)];
                if (isDone && cache.TryRead(group.Entry.Name, group.Split, method.Name, key.Hash, out var cached))
                {
                    outcomes[method.Name] = cached;
                    continue;
                }

                // Not done yet, or done but needed by a composite and no longer cached: run it.
                data ??= Load(options, group.Entry, group.Split);
                var row = RunOne(options, method, data, outcomes, cache, key.Hash, threads, cancellation) with { RunKey = key };
                if (!isDone)
                {
                    store.Append(row);
                    var count = Interlocked.Increment(ref finished);
                    _progress?.Report(new BenchProgress(count, total, $"{group.Entry.Name} split {group.Split} {method.Name}", clock.Elapsed));
                }
            }
        }
    }

    private ResultRow RunOne(BenchOptions options, BenchMethod method, TaskData data, Dictionary<string, MethodOutcome?> outcomes, PredictionCache cache, string keyHash, int threads, CancellationToken cancellation)
    {
        try
        {
            MethodOutcome outcome;
            // A classification metric leaves regression datasets on their default (and vice versa).
            var metric = options.Metric is { } name && MetricCatalog.Find(name) is var found && found.AppliesTo(data.Train.Task) ? found : null;
            if (method.Kind is MethodKind.Best or MethodKind.Ensemble or MethodKind.Preset)
            {
                var members = method.Members.Select(m => outcomes.GetValueOrDefault(m) ?? throw new TabmlException(ExitCodes.Internal, $"member {m} failed")).ToArray();
                outcome = method.Kind == MethodKind.Preset
                    ? MethodExecutor.CombinePreset(method, data, members, metric)
                    : MethodExecutor.Combine(method, data, members, metric);
            }
            else
            {
                var isDefault = metric is null || metric.Name == MetricCatalog.Default(data.Train.Task).Name;
                var context = new LearnerContext { Seed = options.Seed + data.Split, Threads = threads, Cancellation = cancellation, ValidationMetric = isDefault ? null : metric };
                MemoryProbe.Reset();
                outcome = method.Kind switch
                {
                    MethodKind.Hpo => MethodExecutor.RunHpo(method, data, context, options.HpoTrials),
                    MethodKind.Variant => MethodExecutor.RunVariant(method.Variant!, data, context, method.Variant!.ValidatedName is { } validated ? outcomes.GetValueOrDefault(validated) : null),
                    _ => MethodExecutor.RunLearner(method.Learner!, data, context),
                };
                outcome = outcome with { PeakMemoryMb = MemoryProbe.PeakMb() };
                cache.Write(data.Entry.Name, data.Split, method.Name, keyHash, outcome);
            }

            outcomes[method.Name] = outcome;
            var outOfFold = method.Variant?.Bagged == true || method.Preset?.Folds is not null;
            return ResultRows.From(data, method.Name, outcome, outOfFold);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A learner's data or parameter problem reads as its one-line message; a bug keeps its type.
            var cause = LearnerFailure.Unwrap(e);
            var message = LearnerFailure.Map(method.Name, cause)?.Message ?? $"{method.Name}: {cause.GetType().Name}: {LearnerFailure.FirstLine(cause.Message)}";
            outcomes[method.Name] = null;
            _reporter.Warning($"{data.Entry.Name} split {data.Split} {message}");
            return ResultRows.Failed(data, method.Name, message);
        }
    }

    /// <summary>
    /// A reused output folder never mixes runs: finished rows this run would redo under different settings
    /// (another seed, split file, data file, settings, trial count or tabml version) are refused, not
    /// replaced or reported as new. Failed rows are simply redone.
    /// </summary>
    private static void RefuseOtherSettings(string directory, IReadOnlyList<ResultRow> existing, Dictionary<(string, string, int), RunKey> planned)
    {
        var conflicts = existing.Where(r => r.Ok && planned.TryGetValue(r.Key, out var key) && key != r.RunKey).ToArray();
        if (conflicts.Length == 0)
        {
            return;
        }

        var first = conflicts[0];
        var changes = string.Join("; ", planned[first.Key].Differences(first.RunKey));
        throw TabmlException.Usage(
            $"{Path.Combine(directory, "results.jsonl")}: {conflicts.Length} finished row(s) were made with other settings than this run ({first.Dataset} {first.Method} split {first.Split}: {changes}); use another --out, or delete the folder to start over");
    }

    private TaskData Load(BenchOptions options, SuiteEntry entry, int split)
    {
        var dataset = _datasets.GetOrAdd(entry.Name, _ => new Lazy<Dataset>(() =>
            DatasetReader.ReadForTraining(options.Suite.PathOf(entry), new TrainingReadOptions { Target = entry.Target, Task = TaskKindExtensions.Parse(entry.Task) }).Dataset)).Value;
        var plan = options.GivenSplits?[split] ?? SplitPlanner.Random(entry.Name, split, dataset.RowCount, options.Seed);
        SplitFile.Validate(plan, dataset.RowCount, entry.Name);
        return new TaskData(entry, split, dataset.Slice(plan.Train), dataset.Slice(plan.Valid), dataset.Slice(plan.Test), dataset.Slice([.. plan.Train, .. plan.Valid]));
    }
}
