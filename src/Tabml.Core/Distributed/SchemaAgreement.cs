using System.Text.Json.Nodes;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;

namespace Tabml.Distributed;

/// <summary>
/// What every rank's partition must agree on before training, decided by rank 0 from all partitions: the
/// same columns in the same order, each column's kind (categorical if any partition holds text), the
/// category lists and class labels (the union over all partitions), columns missing everywhere, and the task.
/// </summary>
internal static class SchemaAgreement
{
    /// <summary>Round 1: column kinds, dropped columns and the task.</summary>
    public static JsonObject Summarize(CsvTable table, string target, string? portProblem)
    {
        var columns = new JsonArray();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var values = table.Columns[c];
            var allMissing = values switch
            {
                NumericValues n => Enumerable.Range(0, n.Length).All(r => double.IsNaN(n[r])),
                TextValues t => t.Codes.All(code => code == TextValues.Missing),
                _ => false,
            };
            columns.Add(new JsonObject
            {
                ["name"] = table.Headers[c],
                ["kind"] = values is TextValues ? "categorical" : "numeric",
                ["ignored"] = values is null,
                ["all_missing"] = allMissing,
            });
        }

        var targetValues = table.Column(target)!;
        var distinct = TargetDistinct(targetValues, limit: 1000);
        return new JsonObject
        {
            ["columns"] = columns,
            ["target_kind"] = targetValues is TextValues ? "categorical" : "numeric",
            ["target_distinct"] = distinct is null ? null : new JsonArray(distinct.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            ["port_problem"] = portProblem,
        };
    }

    public static JsonNode DecideKinds(IReadOnlyList<JsonNode> ranks, string target, TaskKind? requested)
    {
        for (var r = 0; r < ranks.Count; r++)
        {
            if (ranks[r]["port_problem"]?.GetValue<string>() is { } problem)
            {
                throw TabmlException.BadData($"rank {r}: {problem}");
            }
        }

        var names0 = Names(ranks[0]);
        for (var r = 1; r < ranks.Count; r++)
        {
            var names = Names(ranks[r]);
            if (!names.SequenceEqual(names0, StringComparer.Ordinal))
            {
                var missing = names0.Except(names).Select(n => $"'{n}'").ToList();
                var extra = names.Except(names0).Select(n => $"'{n}'").ToList();
                var detail = missing.Count + extra.Count == 0 ? "the same columns in another order"
                    : string.Join("; ", new[] { missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null, extra.Count > 0 ? $"extra {string.Join(", ", extra)}" : null }.Where(x => x is not null));
                throw TabmlException.BadData($"rank {r}: the partition's columns differ from rank 0's: {detail}");
            }
        }

        var kinds = new JsonObject();
        var dropped = new JsonArray();
        foreach (var name in names0)
        {
            var columns = ranks.Select(rk => rk["columns"]!.AsArray().First(c => c!["name"]!.GetValue<string>() == name)!).ToArray();
            if (columns[0]["ignored"]!.GetValue<bool>() || name == target)
            {
                continue;
            }

            if (columns.All(c => c["all_missing"]!.GetValue<bool>()))
            {
                dropped.Add(name);
                continue;
            }

            kinds[name] = columns.Any(c => c["kind"]!.GetValue<string>() == "categorical") ? "categorical" : "numeric";
        }

        var categoricalTarget = ranks.Any(r => r["target_kind"]!.GetValue<string>() == "categorical");
        var anyMany = ranks.Any(r => r["target_distinct"] is null);
        var distinct = ranks.Where(r => r["target_distinct"] is not null).SelectMany(r => r["target_distinct"]!.AsArray().Select(v => v!.GetValue<string>())).Distinct(StringComparer.Ordinal).Count();
        var task = requested ?? (categoricalTarget ? (distinct == 2 && !anyMany ? TaskKind.Binary : TaskKind.Multiclass)
            : (!anyMany && distinct == 2 ? TaskKind.Binary : TaskKind.Regression));
        if (task == TaskKind.Regression && categoricalTarget)
        {
            throw TabmlException.BadData($"column '{target}': regression needs a numeric target, but a partition holds text in it");
        }

        return new JsonObject { ["kinds"] = kinds, ["dropped"] = dropped, ["task"] = task.ToName() };
    }

    /// <summary>Round 2: this partition's categories of every categorical column and its class labels.</summary>
    public static JsonObject Categories(CsvTable table, string target, TaskKind task)
    {
        var categories = new JsonObject();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            if (table.Columns[c] is TextValues text && table.Headers[c] != target)
            {
                categories[table.Headers[c]] = new JsonArray(Used(text).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            }
        }

        var labels = task.IsClassification() ? TargetDistinct(table.Column(target)!, int.MaxValue)! : [];
        return new JsonObject { ["categories"] = categories, ["labels"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()) };
    }

    public static JsonNode DecideCategories(IReadOnlyList<JsonNode> ranks, JsonNode kinds, string target, IReadOnlyList<string> missingTokens)
    {
        var task = TaskKindExtensions.Parse(kinds["task"]!.GetValue<string>());
        var features = new JsonArray();
        foreach (var (name, kind) in kinds["kinds"]!.AsObject())
        {
            var column = new JsonObject { ["name"] = name, ["kind"] = kind!.GetValue<string>() };
            if (kind.GetValue<string>() == "categorical")
            {
                var union = ranks.SelectMany(r => r["categories"]![name]?.AsArray().Select(v => v!.GetValue<string>()) ?? []);
                column["categories"] = new JsonArray(CategoryOrder.Sort(union).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            }

            features.Add(column);
        }

        var labels = CategoryOrder.Sort(ranks.SelectMany(r => r["labels"]!.AsArray().Select(v => v!.GetValue<string>())));
        if (task.IsClassification() && labels.Length < 2)
        {
            throw TabmlException.BadData($"column '{target}': all partitions together hold a single class; a classifier needs at least 2 classes");
        }

        if (task == TaskKind.Binary && labels.Length != 2)
        {
            throw TabmlException.BadData($"column '{target}': binary needs 2 classes, but the partitions together hold {labels.Length}");
        }

        return new JsonObject
        {
            ["features"] = features,
            ["target"] = target,
            ["task"] = task.ToName(),
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["missing_tokens"] = new JsonArray(missingTokens.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
        };
    }

    public static DatasetSchema ToSchema(JsonNode agreed)
    {
        var features = agreed["features"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>() == "numeric"
            ? ColumnSchema.Numeric(f["name"]!.GetValue<string>())
            : new ColumnSchema(f["name"]!.GetValue<string>(), ColumnKind.Categorical, f["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray())).ToArray();
        var task = TaskKindExtensions.Parse(agreed["task"]!.GetValue<string>());
        var labels = agreed["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray();
        var tokens = agreed["missing_tokens"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        return new DatasetSchema(features, new TargetSchema(agreed["target"]!.GetValue<string>(), task, labels), tokens);
    }

    private static List<string> Names(JsonNode rank) => rank["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();

    private static IEnumerable<string> Used(TextValues text) => text.Codes.Where(c => c != TextValues.Missing).Distinct().Select(c => text.Distinct[c]);

    /// <summary>The distinct target texts of the rows that have one, or null when there are more than <paramref name="limit"/>.</summary>
    private static List<string>? TargetDistinct(ColumnValues values, int limit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < values.Length; r++)
        {
            string? text = values switch
            {
                TextValues t when t.Codes[r] != TextValues.Missing => t.Distinct[t.Codes[r]],
                NumericValues n when !double.IsNaN(n[r]) => CategoryOrder.FormatNumber(n[r]),
                _ => null,
            };
            if (text is not null && seen.Add(text) && seen.Count > limit)
            {
                return null;
            }
        }

        return seen.Order(StringComparer.Ordinal).ToList();
    }
}
