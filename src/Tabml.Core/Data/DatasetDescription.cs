using Tabml.Data.Csv;
using Tabml.Reporting;

namespace Tabml.Data;

/// <summary>
/// What `tabml info` shows of a file: every column's inferred kind (numeric, categorical, date), missing
/// and distinct counts and role, the date columns with their derived features, and the task.
/// </summary>
public sealed record DatasetDescription(string Path, int Rows, char Delimiter, IReadOnlyList<ColumnDescription> Columns, string Target, string Task, int? Classes, IReadOnlyList<DateDescription> Dates)
{
    public static DatasetDescription Describe(string path, TrainingReadOptions options, IReporter? reporter = null)
    {
        reporter ??= NullReporter.Instance;
        var training = DatasetReader.ReadForTraining(path, options, reporter);
        var table = CsvTableReader.Read(path, options.Csv with { Categorical = options.Csv.Categorical.Concat(options.Dates).ToHashSet(StringComparer.Ordinal) }, NullReporter.Instance);
        var schema = training.Schema;
        var dates = schema.Dates.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var columns = new List<ColumnDescription>();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var values = table.Columns[c];
            if (values is null)
            {
                columns.Add(new ColumnDescription(table.Headers[c], "ignored", 0, 0, null));
                continue;
            }

            var role = values.Name == schema.Target.Name ? "target"
                : training.DroppedColumns.Contains(values.Name) ? "dropped (all missing)"
                : schema.Identifiers.Contains(values.Name) ? "identifier, not used (--keep uses it)"
                : dates.TryGetValue(values.Name, out var date) ? $"feature: {date.Parts.Count} derived"
                : "feature";
            var description = Describe(values, role);
            columns.Add(dates.ContainsKey(values.Name) ? description with { Kind = "date" } : description);
        }

        var target = schema.Target;
        int? classes = target.Task.IsClassification() ? target.ClassLabels.Count : null;
        var dateDescriptions = schema.Dates.Select(d => new DateDescription(d.Name, d.FormatDescription, d.HasTime, d.FeatureNames)).ToArray();
        return new DatasetDescription(path, table.RowCount, table.Delimiter, columns, target.Name, target.Task.ToName(), classes, dateDescriptions);
    }

    private static ColumnDescription Describe(ColumnValues values, string role)
    {
        if (values is TextValues text)
        {
            var missing = text.Codes.Count(c => c == TextValues.Missing);
            var used = text.Codes.Where(c => c != TextValues.Missing).Distinct().Count();
            return new ColumnDescription(values.Name, "categorical", missing, used, role);
        }

        var numeric = (NumericValues)values;
        var seen = new HashSet<double>();
        var missingCount = 0;
        for (var r = 0; r < numeric.Length; r++)
        {
            var v = numeric[r];
            if (double.IsNaN(v))
            {
                missingCount++;
            }
            else
            {
                seen.Add(v);
            }
        }

        return new ColumnDescription(values.Name, "numeric", missingCount, seen.Count, role);
    }
}

/// <summary>One column of <see cref="DatasetDescription"/>.</summary>
public sealed record ColumnDescription(string Name, string Kind, int Missing, int Distinct, string? Role);

/// <summary>A date column of <see cref="DatasetDescription"/>: its layout and the features the models see.</summary>
public sealed record DateDescription(string Name, string Format, bool HasTime, IReadOnlyList<string> Features);
