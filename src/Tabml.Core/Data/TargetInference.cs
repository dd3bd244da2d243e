using Tabml.Data.Csv;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Data;

/// <summary>
/// Decides the task from the target column (issue: a categorical target is classification, binary with 2
/// classes; a numeric target with exactly 2 distinct values is binary; any other numeric target is
/// regression), unless --task says otherwise, and builds the target over the rows that have one.
/// </summary>
public static class TargetInference
{
    public static (TargetColumn Target, TargetSchema Schema) Build(ColumnValues values, int[] rows, TaskKind? requested, string path, IReporter reporter)
    {
        var name = values.Name;
        // A regression target needs only "more than 2" and "at most 10" answered, not a million label texts.
        var wantsLabels = values is TextValues || requested is TaskKind.Binary or TaskKind.Multiclass;
        var distinct = DistinctTexts(values, rows, wantsLabels ? int.MaxValue : 11);
        if (distinct.Count < 2)
        {
            var only = distinct.Count == 1 ? $" ('{distinct[0]}')" : string.Empty;
            throw TabmlException.BadData($"{path}: column '{name}': the target has a single value{only} in all {rows.Length} rows that have one; there is nothing to learn");
        }

        var task = requested ?? Infer(values, distinct.Count);
        if (requested is null)
        {
            var why = values is TextValues ? "a categorical target" : distinct.Count == 2 ? "a numeric target with 2 distinct values" : "a numeric target";
            reporter.Info($"task: {task.ToName()} (inferred from {why}); override with --task binary|multiclass|regression");
            if (task == TaskKind.Regression && distinct.Count <= 10)
            {
                reporter.Warning($"the numeric target '{name}' has only {distinct.Count} distinct values; if they are classes, use --task multiclass");
            }
        }

        if (task == TaskKind.Regression)
        {
            if (values is not NumericValues numeric)
            {
                var example = distinct.First(d => !double.TryParse(d, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
                throw TabmlException.BadData($"{path}: column '{name}': regression needs a numeric target, but it holds text such as '{example}'");
            }

            var y = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                y[i] = numeric[rows[i]];
            }

            return (TargetColumn.Regression(name, y), new TargetSchema(name, task, []));
        }

        if (task == TaskKind.Binary && distinct.Count != 2)
        {
            throw TabmlException.BadData($"{path}: column '{name}': --task binary needs 2 classes, but the target has {distinct.Count}; use --task multiclass");
        }

        var labels = CategoryOrder.Sort(distinct);
        var codeOf = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = codeOf[TextAt(values, rows[i])];
        }

        return (TargetColumn.Classification(name, task, codes, labels), new TargetSchema(name, task, labels));
    }

    /// <summary>Rows whose target is present.</summary>
    public static int[] RowsWithTarget(ColumnValues values)
    {
        var rows = new List<int>(values.Length);
        for (var r = 0; r < values.Length; r++)
        {
            var present = values switch
            {
                NumericValues n => !double.IsNaN(n[r]),
                TextValues t => t.Codes[r] != TextValues.Missing,
                _ => false,
            };
            if (present)
            {
                rows.Add(r);
            }
        }

        return rows.ToArray();
    }

    private static TaskKind Infer(ColumnValues values, int distinctCount) => values switch
    {
        TextValues => distinctCount == 2 ? TaskKind.Binary : TaskKind.Multiclass,
        _ => distinctCount == 2 ? TaskKind.Binary : TaskKind.Regression,
    };

    private static List<string> DistinctTexts(ColumnValues values, int[] rows, int limit)
    {
        if (values is TextValues text)
        {
            var used = new bool[text.Distinct.Count];
            foreach (var r in rows)
            {
                used[text.Codes[r]] = true;
            }

            return text.Distinct.Where((_, i) => used[i]).ToList();
        }

        var numeric = (NumericValues)values;
        var seen = new HashSet<double>();
        var result = new List<string>();
        foreach (var r in rows)
        {
            if (seen.Add(numeric[r]))
            {
                result.Add(CategoryOrder.FormatNumber(numeric[r]));
                if (result.Count == limit)
                {
                    break;
                }
            }
        }

        return result;
    }

    private static string TextAt(ColumnValues values, int row) => values switch
    {
        TextValues t => t.Distinct[t.Codes[row]],
        NumericValues n => CategoryOrder.FormatNumber(n[row]),
        _ => throw new InvalidOperationException(),
    };
}
