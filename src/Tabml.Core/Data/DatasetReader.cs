using Tabml.Data.Csv;
using Tabml.Data.Dates;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Data;

/// <summary>Reads CSV files into datasets: for training (schema inferred) or prediction (against a schema).</summary>
public static class DatasetReader
{
    public static TrainingData ReadForTraining(string path, TrainingReadOptions options, IReporter? reporter = null) =>
        ReadForTraining(TabularData.FromCsv(path), options, reporter);

    /// <summary>
    /// Reads training data: the schema is inferred (README, "How data is read"), date columns become their
    /// derived features, identifier columns are left out, rows without a target are dropped.
    /// </summary>
    public static TrainingData ReadForTraining(TabularData data, TrainingReadOptions options, IReporter? reporter = null)
    {
        reporter ??= NullReporter.Instance;
        var path = data.Origin;
        var headers = data.ReadColumnNames();
        var target = ResolveTarget(path, headers, options, reporter);
        ColumnRules.Validate(headers, target, options);
        var table = data.Read(ColumnRules.ReadOptions(options, target), reporter);
        var targetValues = table.Column(target)!;

        var rows = TargetInference.RowsWithTarget(targetValues);
        var withoutTarget = table.RowCount - rows.Length;
        if (rows.Length == 0)
        {
            throw TabmlException.BadData($"{path}: column '{target}': the target is missing in every row");
        }

        if (withoutTarget > 0)
        {
            reporter.Warning($"{path}: dropped {withoutTarget} of {table.RowCount} rows whose target '{target}' is missing");
        }

        var (targetColumn, targetSchema) = TargetInference.Build(targetValues, rows, options.Task, path, reporter);
        var allRows = withoutTarget == 0 ? null : rows;
        var roles = ColumnRules.Decide(table, targetValues, allRows, options, reporter);
        var (features, schemas, dropped) = BuildFeatures(table, targetValues, roles, allRows, reporter);
        if (features.Count == 0)
        {
            var identifiers = roles.Identifiers.Count == 0 ? string.Empty : $" (identifier columns left out: {string.Join(", ", roles.Identifiers)}; --keep uses them)";
            throw TabmlException.BadData($"{path}: no usable feature column besides the target '{target}'{identifiers}");
        }

        var dataset = new Dataset(features, targetColumn, rows.Length);
        var datasetSchema = new DatasetSchema(schemas, targetSchema, options.Csv.MissingTokens)
        {
            Dates = table.Headers.Where(roles.Dates.ContainsKey).Select(h => roles.Dates[h]).Where(d => d.FeatureNames.Any(f => schemas.Any(s => s.Name == f))).ToArray(),
            Identifiers = table.Headers.Where(roles.Identifiers.Contains).ToArray(),
        };
        return new TrainingData(dataset, datasetSchema, table.RowCount, withoutTarget, dropped);
    }

    /// <summary>The feature columns in file order (a date column in place of its derived features), their schemas, and the all-missing columns dropped.</summary>
    private static (List<FeatureColumn> Features, List<ColumnSchema> Schemas, List<string> Dropped) BuildFeatures(CsvTable table, ColumnValues targetValues, ColumnRoles roles, int[]? rows, IReporter reporter)
    {
        var features = new List<FeatureColumn>();
        var schemas = new List<ColumnSchema>();
        var dropped = new List<string>();
        foreach (var values in table.Columns)
        {
            if (values is null || ReferenceEquals(values, targetValues) || roles.Identifiers.Contains(values.Name))
            {
                continue;
            }

            var built = roles.Dates.TryGetValue(values.Name, out var date)
                ? DateFeatures.Derive((TextValues)values, date, rows, table.Path, reporter).Select(d => ((FeatureColumn)d, ColumnSchema.Numeric(d.Name)))
                : [FeatureBuilder.ForTraining(values, rows)];
            foreach (var (column, schema) in built)
            {
                if (column.CountMissing() == column.Length)
                {
                    dropped.Add(column.Name);
                    reporter.Warning($"{table.Path}: column '{column.Name}' is missing in every row; dropped");
                    continue;
                }

                features.Add(column);
                schemas.Add(schema);
            }
        }

        return (features, schemas, dropped);
    }

    /// <summary>
    /// Reads a file against a stored schema: one dataset row per file row, in order. Extra columns (the
    /// target among them) are skipped; unseen categories become code 0 (missing/unknown) and are counted.
    /// </summary>
    public static Dataset ReadForPrediction(string path, DatasetSchema schema, IReadOnlyList<string>? missingTokens = null, IReporter? reporter = null) =>
        ReadForPrediction(TabularData.FromCsv(path), schema, missingTokens, reporter);

    /// <inheritdoc cref="ReadForPrediction(string, DatasetSchema, IReadOnlyList{string}?, IReporter?)"/>
    public static Dataset ReadForPrediction(TabularData data, DatasetSchema schema, IReadOnlyList<string>? missingTokens = null, IReporter? reporter = null) =>
        ReadAgainstSchema(data, schema, missingTokens, withTarget: false, reporter ?? NullReporter.Instance).Features;

    /// <summary>
    /// Reads a labelled file against a stored schema: the features of every row, plus the target of the rows
    /// that have one (<see cref="EvaluationData.RowsWithTarget"/>). A class the model never saw is an error.
    /// </summary>
    public static EvaluationData ReadForEvaluation(string path, DatasetSchema schema, IReadOnlyList<string>? missingTokens = null, IReporter? reporter = null) =>
        ReadForEvaluation(TabularData.FromCsv(path), schema, missingTokens, reporter);

    /// <inheritdoc cref="ReadForEvaluation(string, DatasetSchema, IReadOnlyList{string}?, IReporter?)"/>
    public static EvaluationData ReadForEvaluation(TabularData data, DatasetSchema schema, IReadOnlyList<string>? missingTokens = null, IReporter? reporter = null)
    {
        reporter ??= NullReporter.Instance;
        var path = data.Origin;
        var (features, table) = ReadAgainstSchema(data, schema, missingTokens, withTarget: true, reporter);
        var values = table.Column(schema.Target.Name)!;
        var rows = TargetInference.RowsWithTarget(values);
        if (rows.Length == 0)
        {
            throw TabmlException.BadData($"{path}: column '{schema.Target.Name}': the target is missing in every row; nothing to evaluate");
        }

        if (rows.Length < table.RowCount)
        {
            reporter.Warning($"{path}: {table.RowCount - rows.Length} of {table.RowCount} rows have no target '{schema.Target.Name}'; evaluating the other {rows.Length}");
        }

        var target = EvaluationTarget(path, schema.Target, values, rows);
        return new EvaluationData(features, target, rows);
    }

    private static (Dataset Features, CsvTable Table) ReadAgainstSchema(TabularData data, DatasetSchema schema, IReadOnlyList<string>? missingTokens, bool withTarget, IReporter reporter)
    {
        var path = data.Origin;
        var kinds = new Dictionary<string, ColumnKind>(schema.InputKinds(), StringComparer.Ordinal);
        if (withTarget)
        {
            kinds[schema.Target.Name] = TargetReadKind(schema.Target);
        }

        var options = new CsvReadOptions
        {
            MissingTokens = missingTokens ?? schema.MissingTokens,
            ExpectedKinds = kinds,
            HighPrecisionColumn = withTarget ? schema.Target.Name : null,
        };
        var table = data.Read(options, reporter);
        var features = PredictionFeatures(table, schema, reporter, (i, unseen) => WarnUnseen(reporter, path, schema.Features[i].Name, unseen));
        return (new Dataset(features, null, table.RowCount), table);
    }

    /// <summary>
    /// The model's feature columns of a table read against its schema: date columns become their derived
    /// features, the others are coded with the stored categories; each feature's unseen categories go to
    /// <paramref name="unseen"/> (by feature index). Whole-file and chunked reads share it.
    /// </summary>
    internal static FeatureColumn[] PredictionFeatures(CsvTable table, DatasetSchema schema, IReporter reporter, Action<int, IReadOnlyDictionary<string, int>> unseen)
    {
        var derived = DateFeatures.DeriveAll(table, schema.Dates, reporter);
        var features = new FeatureColumn[schema.Features.Count];
        for (var i = 0; i < features.Length; i++)
        {
            var column = schema.Features[i];
            if (derived.TryGetValue(column.Name, out var date))
            {
                features[i] = date;
                continue;
            }

            var (built, codesUnseen) = FeatureBuilder.ForPrediction(table.Column(column.Name)!, column);
            unseen(i, codesUnseen);
            features[i] = built;
        }

        return features;
    }

    /// <summary>The warning about categories not seen in training (counts per category, in order of first appearance).</summary>
    internal static void WarnUnseen(IReporter reporter, string path, string column, IReadOnlyDictionary<string, int> unseen)
    {
        if (unseen.Count > 0)
        {
            var examples = string.Join(", ", unseen.Keys.Take(3).Select(k => $"'{k}'"));
            reporter.Warning($"{path}: column '{column}': {unseen.Values.Sum()} rows have categories not seen in training ({examples}{(unseen.Count > 3 ? ", ..." : string.Empty)}); treated as missing/unknown");
        }
    }

    /// <summary>Class labels that came from numbers are matched as numbers ("1.0" is class "1").</summary>
    private static ColumnKind TargetReadKind(TargetSchema target) =>
        target.Task == TaskKind.Regression || target.ClassLabels.All(l => double.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            ? ColumnKind.Numeric
            : ColumnKind.Categorical;

    private static TargetColumn EvaluationTarget(string path, TargetSchema schema, Csv.ColumnValues values, int[] rows)
    {
        if (schema.Task == TaskKind.Regression)
        {
            var numeric = (NumericValues)values;
            return TargetColumn.Regression(schema.Name, rows.Select(r => numeric[r]).ToArray());
        }

        var codeOf = schema.ClassLabels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var labels = new int[rows.Length];
        var unseen = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Length; i++)
        {
            var text = values is TextValues t ? t.Distinct[t.Codes[rows[i]]] : CategoryOrder.FormatNumber(((NumericValues)values)[rows[i]]);
            if (!codeOf.TryGetValue(text, out labels[i]))
            {
                unseen.Add(text);
            }
        }

        if (unseen.Count > 0)
        {
            throw TabmlException.BadData($"{path}: column '{schema.Name}': target classes not seen in training: {string.Join(", ", unseen.Take(5).Select(u => $"'{u}'"))}; the model cannot score them");
        }

        return TargetColumn.Classification(schema.Name, schema.Task, labels, schema.ClassLabels);
    }

    private static string ResolveTarget(string path, IReadOnlyList<string> headers, TrainingReadOptions options, IReporter reporter)
    {
        if (options.Target is { } given)
        {
            if (!headers.Contains(given, StringComparer.Ordinal))
            {
                var suggestion = Suggest(given, headers);
                throw TabmlException.BadData($"{path}: no column '{given}' for --target{suggestion}; columns: {string.Join(", ", headers)}");
            }

            if (options.Csv.Ignored.Contains(given))
            {
                throw TabmlException.Usage($"--ignore lists the target '{given}'");
            }

            return given;
        }

        var last = headers.LastOrDefault(h => !options.Csv.Ignored.Contains(h))
            ?? throw TabmlException.Usage("--ignore leaves no column for the target");
        reporter.Info($"no --target given: using the last column '{last}' as the target");
        return last;
    }

    private static string Suggest(string given, IReadOnlyList<string> headers)
    {
        var close = headers
            .Select(h => (h, d: EditDistance(given.ToUpperInvariant(), h.ToUpperInvariant())))
            .Where(x => x.d <= Math.Max(1, given.Length / 3))
            .OrderBy(x => x.d)
            .FirstOrDefault();
        return close.h is null ? string.Empty : $" (did you mean '{close.h}'?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
