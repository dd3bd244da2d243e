using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Tabml.Bench.Methods;
using Tabml.Bench.Results;
using Tabml.Bench.Suites;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;
using Tabml.Settings;

namespace Tabml.Bench.Running;

/// <summary>The <see cref="RunKey"/> of every planned row: data files hashed once each, settings once per method and task.</summary>
internal sealed class RunKeys
{
    private readonly BenchOptions _options;
    private readonly ConcurrentDictionary<string, string> _data = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Method, TaskKind Task), string> _settings = new();
    private readonly string[]? _givenSplits;

    public RunKeys(BenchOptions options)
    {
        _options = options;
        _givenSplits = options.GivenSplits?.Select(s => RunKey.Sha256(JsonSerializer.Serialize(new[] { s.Train, s.Valid, s.Test }))).ToArray();
    }

    public RunKey For(SuiteEntry entry, int split, BenchMethod method)
    {
        var task = TaskKindExtensions.Parse(entry.Task);
        return new RunKey
        {
            DataSha256 = _data.GetOrAdd(entry.Name, _ => FileSha256(_options.Suite.PathOf(entry))),
            Target = entry.Target,
            Task = task.ToName(),
            Split = _givenSplits is { } given ? $"given sha256={given[split]} index={split}" : $"random seed={_options.Seed} index={split}",
            SettingsSha256 = Settings(method, task),
            HpoTrials = UsesSearch(method) ? _options.HpoTrials : null,
            TabmlVersion = BundleWriter.TabmlVersion,
            Metric = _options.Metric,
        };
    }

    internal string Settings(BenchMethod method, TaskKind task) => _settings.GetOrAdd((method.Name, task), _ => method.Kind switch
    {
        MethodKind.Learner => RunKey.Sha256($"{method.Name}\n{Json(LearnerCatalog.Create(method.Learner!, task).Settings)}"),
        MethodKind.Hpo => RunKey.Sha256($"{method.Name}\n{Json(SearchBaseline(method, task))}"),
        // A preset's options (calibration, selection loss, folds, refit) decide its rows as much as its members do.
        MethodKind.Preset => RunKey.Sha256($"{method.Name}\n{Json(method.Preset!)}\n{MemberSettings(method, task)}"),
        _ => RunKey.Sha256($"{method.Name}\n{MemberSettings(method, task)}"),
    });

    private string MemberSettings(BenchMethod method, TaskKind task) => string.Join("\n", method.Members.Select(m => Settings(MethodCatalog.Get(m), task)));

    /// <summary>The TD settings a random search starts from; the search space itself is code, covered by the tabml version.</summary>
    private static object SearchBaseline(BenchMethod method, TaskKind task) => method.Learner == "lightgbm"
        ? LightGbmLearner.Create(LightGbmLearner.TunedName, task).Settings
        : RealMlpDefaults.Load(RealMlpLearner.TunedName, task);

    private static bool UsesSearch(BenchMethod method) =>
        method.Kind == MethodKind.Hpo || method.Members.Any(m => MethodCatalog.Get(m).Kind == MethodKind.Hpo);

    private static string Json(object settings) => JsonSerializer.Serialize(settings, settings.GetType(), DefaultsCatalog.JsonOptions);

    private static string FileSha256(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw TabmlException.BadData($"{path}: file not found");
        }
    }
}
