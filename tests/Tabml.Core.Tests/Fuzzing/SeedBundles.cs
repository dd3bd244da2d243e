using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Bundles;
using Tabml.Core.Tests.TestData;
using Tabml.Data;
using Tabml.Learners;
using Tabml.Learners.FastTree;
using Tabml.Learners.LightGbm;
using Tabml.Learners.RealMlp;
using Tabml.Settings;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>
/// Small real bundles to damage: every model format (LightGBM, FastTree, RealMLP, fold averages) and every
/// task, each with a CSV to predict. Learners get few iterations, so the seeds build in seconds.
/// </summary>
internal static class SeedBundles
{
    public static IReadOnlyList<(string Bundle, string Data)> Write(string directory) =>
    [
        Write(directory, TaskKind.Binary, ["lightgbm-td", "fasttree-td", "realmlp-td", "folds"]),
        Write(directory, TaskKind.Multiclass, ["fasttree-d", "realmlp-td-s", "lightgbm-d"]),
        Write(directory, TaskKind.Regression, ["realmlp-td", "lightgbm-td", "folds"]),
    ];

    private static (string, string) Write(string directory, TaskKind task, string[] names)
    {
        var data = SyntheticData.Make(task, 160, seed: 9);
        var (train, valid) = SyntheticData.Split(data);
        var members = names.Select((name, i) =>
        {
            var model = name == "folds"
                ? new FoldAverageModel([Learner("lightgbm-td", task).Fit(train, valid, new LearnerContext()), Learner("lightgbm-td", task).Fit(valid, train, new LearnerContext())])
                : Learner(name, task).Fit(train, valid, new LearnerContext());
            var settings = name == "folds" ? null : JsonSerializer.SerializeToNode(Learner(name, task).Settings, Learner(name, task).Settings.GetType(), DefaultsCatalog.JsonOptions);
            return new BundleMember(name == "folds" ? "lightgbm-d" : name, model, 1.0 / (i + 1), new Dictionary<string, double> { ["score"] = 0.1 * i }, settings);
        }).ToArray();
        var schema = new DatasetSchema(
            data.Features.Select(f => f is CategoricalColumn c ? new ColumnSchema(f.Name, ColumnKind.Categorical, c.Categories) : ColumnSchema.Numeric(f.Name)).ToArray(),
            new TargetSchema("y", task, data.RequireTarget().ClassLabels),
            ["NA"]);
        var settingsNode = new JsonObject { ["models"] = new JsonArray([.. members.Select(m => (JsonNode)JsonValue.Create(m.Name))]), ["seed"] = 0, ["threads"] = 1, ["folds"] = null, ["simd"] = "scalar" };
        var ensemble = new JsonObject { ["method"] = "caruana", ["metric"] = "error", ["counts"] = new JsonArray(1, 2), ["best_member"] = members[0].Name };
        using var bundle = new ModelBundle(schema, settingsNode, new BundleValidation("holdout", train.RowCount, valid.RowCount, "error"), members, ensemble);
        var path = Path.Combine(directory, $"{task.ToName()}.tabml");
        bundle.Save(path);
        var csv = Path.Combine(directory, $"{task.ToName()}.csv");
        File.WriteAllText(csv, Csv(data));
        return (path, csv);
    }

    private static ILearner Learner(string name, TaskKind task)
    {
        var learner = LearnerCatalog.Create(name, task);
        return learner.Settings switch
        {
            LightGbmSettings s => new LightGbmLearner(name, s with { NumIterations = 8 }),
            FastTreeSettings s => new FastTreeLearner(name, s with { NumberOfTrees = 4 }),
            RealMlpSettings s => new RealMlpLearner(name, s with { NEpochs = 2, HiddenSizes = [8, 8] }),
            _ => learner,
        };
    }

    private static string Csv(Dataset data)
    {
        var text = new StringBuilder(string.Join(',', data.Features.Select(f => f.Name)) + "\n");
        for (var r = 0; r < data.RowCount; r++)
        {
            text.AppendLine(string.Join(',', data.Features.Select(f => f switch
            {
                NumericColumn n => float.IsNaN(n.Values[r]) ? string.Empty : n.Values[r].ToString("R", CultureInfo.InvariantCulture),
                CategoricalColumn c => c.Codes[r] == 0 ? string.Empty : c.Categories[c.Codes[r] - 1],
                _ => string.Empty,
            })));
        }

        return text.ToString();
    }
}
