using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Learners.LightGbm;
using Tabml.Learners.LightGbm.Native;
using Tabml.Reporting;
using Tabml.Training;
using Tabml.Validation;

namespace Tabml.Distributed;

/// <summary>
/// Data-parallel LightGBM-TD over several processes, each with its own row partition: the ranks agree on
/// schema, categories, classes and task through <see cref="Cluster"/>, then train one model together on
/// LightGBM's own network (tree_learner=data, pre_partition) with early stopping on the validation loss over
/// all ranks, so every rank stops at the same round and ends with the same model and the same bundle.
/// </summary>
public sealed class DistributedTrainer
{
    private readonly IReporter _reporter;
    private readonly IProgress<LearnerProgress>? _progress;

    public DistributedTrainer(IReporter? reporter = null, IProgress<LearnerProgress>? progress = null)
    {
        _reporter = reporter ?? NullReporter.Instance;
        _progress = progress;
    }

    public TrainResult Train(string path, TrainingReadOptions read, ClusterOptions cluster, TrainOptions options, Action<string> abort)
    {
        var learnerName = options.Models.Single();
        var target = read.Target ?? CsvTableReader.ReadHeaders(path).Last(h => !read.Csv.Ignored.Contains(h));
        var portProblem = PortProblem(cluster.Machines[cluster.Rank].Port);
        using var session = Cluster.Join(cluster, abort);
        _reporter.Info($"rank {cluster.Rank} of {cluster.World}: joined the cluster");

        // Round 1: columns, kinds and task; round 2: categories and classes under the agreed kinds.
        var first = CsvTableReader.Read(path, read.Csv with { HighPrecisionColumn = target }, NullReporter.Instance);
        var kinds = session.Exchange("kinds", SchemaAgreement.Summarize(first, target, portProblem), all => SchemaAgreement.DecideKinds(all, target, read.Task));
        var task = TaskKindExtensions.Parse(kinds["task"]!.GetValue<string>());
        var agreedKinds = kinds["kinds"]!.AsObject();
        var forced = read.Csv with
        {
            Categorical = agreedKinds.Where(k => k.Value!.GetValue<string>() == "categorical").Select(k => k.Key).ToHashSet(StringComparer.Ordinal),
            Numeric = new HashSet<string>(StringComparer.Ordinal),
            Ignored = read.Csv.Ignored.Concat(kinds["dropped"]!.AsArray().Select(d => d!.GetValue<string>())).ToHashSet(StringComparer.Ordinal),
            HighPrecisionColumn = target,
        };
        var second = CsvTableReader.Read(path, forced, NullReporter.Instance);
        var agreed = session.Exchange("categories", SchemaAgreement.Categories(second, target, task), all => SchemaAgreement.DecideCategories(all, kinds, target, read.Csv.MissingTokens));
        var schema = SchemaAgreement.ToSchema(agreed);
        _reporter.Info($"rank {cluster.Rank}: agreed schema: {schema.Features.Count} features, task {task.ToName()}{(task.IsClassification() ? $" ({schema.Target.ClassLabels.Count} classes)" : string.Empty)}");

        var local = DatasetReader.ReadForEvaluation(path, schema, read.Csv.MissingTokens, _reporter);
        var dataset = new Dataset(local.Features.Slice(local.RowsWithTarget).Features, local.Target, local.RowsWithTarget.Length);
        var holdout = Split(dataset, options);
        var train = dataset.Slice(holdout.Train);
        var valid = dataset.Slice(holdout.Valid);
        var sizes = session.Exchange("sizes", new JsonObject { ["train"] = train.RowCount, ["valid"] = valid.RowCount }, all =>
        {
            for (var r = 0; r < all.Count; r++)
            {
                if (all[r]["train"]!.GetValue<int>() == 0 || all[r]["valid"]!.GetValue<int>() == 0)
                {
                    throw TabmlException.BadData($"rank {r}: the partition is too small to hold out validation rows");
                }
            }

            return new JsonObject { ["train"] = all.Sum(a => a["train"]!.GetValue<int>()), ["valid"] = all.Sum(a => a["valid"]!.GetValue<int>()) };
        });

        var learner = LightGbmLearner.Create(learnerName, task);
        var context = new LearnerContext { Seed = options.Seed, Threads = options.Threads, Progress = _progress };
        var clock = Stopwatch.StartNew();
        LightGbmNetwork.Init(
            cluster.MachineList + string.Create(CultureInfo.InvariantCulture, $",rank={cluster.Rank}"),
            cluster.Machines[cluster.Rank].Port,
            Math.Max(1, (int)Math.Ceiling(cluster.ListenTimeout.TotalMinutes)),
            cluster.World);
        IModel model;
        var boosting = new ClusterBoosting(session, task);
        try
        {
            model = learner.Fit(train, valid, context, boosting);
        }
        catch (LightGbmException e)
        {
            // A peer that went away shows here as a socket error; the cluster knows which rank it was.
            throw TabmlException.BadData(session.AwaitFailure(TimeSpan.FromSeconds(2)) ?? $"rank {cluster.Rank}: {e.Message}");
        }
        finally
        {
            LightGbmNetwork.Free();
        }

        var fitSeconds = clock.Elapsed.TotalSeconds;
        session.Exchange(Cluster.FinishTopic, new JsonObject(), _ => new JsonObject());
        return Result(schema, options, cluster, learner, model, boosting, sizes, fitSeconds);
    }

    private static Holdout Split(Dataset dataset, TrainOptions options) => HoldoutSplitter.Split(dataset.RequireTarget(), options.ValidFraction, options.Seed);

    private static TrainResult Result(DatasetSchema schema, TrainOptions options, ClusterOptions cluster, LightGbmLearner learner, IModel model, ClusterBoosting boosting, JsonNode sizes, double fitSeconds)
    {
        var metric = schema.Target.Task.IsClassification() ? "error" : "rmse";
        var best = boosting.Curve.Count == 0 ? double.NaN : boosting.Curve[(int)model.Facts[ModelFacts.BestIteration] - 1];
        var scores = new Dictionary<string, double> { [metric] = best };
        var settings = new JsonObject
        {
            ["models"] = new JsonArray(JsonValue.Create(learner.Name)),
            ["seed"] = options.Seed,
            ["threads"] = options.Threads,
            ["val_fraction"] = options.ValidFraction,
            ["distributed"] = new JsonObject { ["ranks"] = cluster.World, ["tree_learner"] = "data" },
            ["selection"] = "single",
        };
        var member = new BundleMember(learner.Name, model, 1.0, scores, System.Text.Json.JsonSerializer.SerializeToNode(learner.Settings, learner.Settings.GetType(), Settings.DefaultsCatalog.JsonOptions));
        var validation = new BundleValidation($"holdout on each of {cluster.World} partitions", sizes["train"]!.GetValue<int>(), sizes["valid"]!.GetValue<int>(), metric);
        var bundle = new ModelBundle(schema, settings, validation, [member]);
        var row = new LeaderboardRow(learner.Name, best, scores, 1.0, fitSeconds, 0, $"{cluster.World} ranks");
        return new TrainResult(bundle, [row], metric, validation.Method, validation.ValidRows);
    }

    /// <summary>Whether this rank's LightGBM port can be bound now (checked before LightGBM's network needs it).</summary>
    private static string? PortProblem(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return null;
        }
        catch (SocketException e)
        {
            return $"port {port} is not available: {e.Message}";
        }
    }

    /// <summary>The global validation loss of each round, agreed through the cluster.</summary>
    private sealed class ClusterBoosting(Cluster cluster, TaskKind task) : IDistributedBoosting
    {
        public List<double> Curve { get; } = [];

        public string Parameters => string.Create(CultureInfo.InvariantCulture, $"tree_learner=data num_machines={cluster.World} pre_partition=true");

        public double GlobalLoss(int iteration, double localLoss, int localRows)
        {
            var local = new JsonObject { ["loss"] = localLoss, ["rows"] = localRows };
            var global = cluster.Exchange(string.Create(CultureInfo.InvariantCulture, $"loss{iteration}"), local, all =>
            {
                double weighted = 0;
                long rows = 0;
                foreach (var rank in all)
                {
                    var loss = rank["loss"]!.GetValue<double>();
                    var n = rank["rows"]!.GetValue<int>();
                    weighted += (task == TaskKind.Regression ? loss * loss : loss) * n;
                    rows += n;
                }

                var mean = weighted / Math.Max(1, rows);
                return JsonValue.Create(task == TaskKind.Regression ? Math.Sqrt(mean) : mean);
            }).GetValue<double>();
            Curve.Add(global);
            return global;
        }
    }
}
