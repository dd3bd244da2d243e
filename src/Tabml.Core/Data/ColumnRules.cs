using Tabml.Data.Csv;
using Tabml.Data.Dates;
using Tabml.Errors;
using Tabml.Reporting;

namespace Tabml.Data;

/// <summary>
/// The two column rules beyond numeric-or-categorical (README, "How data is read"). A text column whose
/// every value is an ISO-8601 date or date-time is a date column: the models see numeric features derived
/// from it (<see cref="DateColumnSchema"/>); --date forces it (with --date-format), --cat opts out. A
/// categorical column whose values are all distinct over the training rows is an identifier and is not
/// used; --cat or --keep keeps it.
/// </summary>
internal static class ColumnRules
{
    /// <summary>On fewer rows with a value, all-distinct says little (a toy table of colours), so the column is kept.</summary>
    public const int MinimumIdentifierRows = 20;

    /// <summary>Checks --date, --date-format and --keep against the file's columns and the other overrides.</summary>
    public static void Validate(IReadOnlyList<string> headers, string target, TrainingReadOptions options)
    {
        DateColumnSchema.CheckFormat(options.DateFormat);
        if (options.DateFormat is not null && options.Dates.Count == 0)
        {
            throw TabmlException.Usage("--date-format needs the columns it applies to: --date COL");
        }

        foreach (var (flag, names) in new[] { ("--date", options.Dates), ("--keep", options.Keep) })
        {
            var unknown = names.Where(n => !headers.Contains(n, StringComparer.Ordinal)).Select(n => $"'{n}'").ToList();
            if (unknown.Count > 0)
            {
                throw TabmlException.Usage($"{flag}: no column {string.Join(", ", unknown)}");
            }
        }

        foreach (var name in options.Dates)
        {
            var conflict = name == target ? "is the target"
                : options.Csv.Categorical.Contains(name) ? "is also in --cat"
                : options.Csv.Numeric.Contains(name) ? "is also in --num"
                : options.Csv.Ignored.Contains(name) ? "is also in --ignore"
                : null;
            if (conflict is not null)
            {
                throw TabmlException.Usage($"--date: column '{name}' {conflict}");
            }
        }
    }

    /// <summary>The CSV options of a training read: the target in double precision, forced dates read as text.</summary>
    public static CsvReadOptions ReadOptions(TrainingReadOptions options, string target) => options.Csv with
    {
        HighPrecisionColumn = target,
        Categorical = options.Dates.Count == 0 ? options.Csv.Categorical : options.Csv.Categorical.Concat(options.Dates).ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>Decides the date and identifier columns of a training table over <paramref name="rows"/> (null = all).</summary>
    public static ColumnRoles Decide(CsvTable table, ColumnValues target, int[]? rows, TrainingReadOptions options, IReporter reporter)
    {
        var dates = new Dictionary<string, DateColumnSchema>(StringComparer.Ordinal);
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var values in table.Columns)
        {
            if (values is not TextValues text || ReferenceEquals(values, target))
            {
                continue;
            }

            if (AsDate(text, options, table.Path) is { } date)
            {
                CheckNames(table, date);
                dates.Add(text.Name, date);
                reporter.Info($"column '{text.Name}': dates ({date.FormatDescription}); the models see {date.Parts.Count} numeric features {string.Join(", ", date.FeatureNames)}{(options.Dates.Contains(text.Name) ? string.Empty : $" (--cat {text.Name} keeps it categorical)")}");
            }
            else if (!options.Csv.Categorical.Contains(text.Name) && !options.Keep.Contains(text.Name) && IsIdentifier(text, rows) is { } distinct)
            {
                identifiers.Add(text.Name);
                reporter.Warning($"{table.Path}: column '{text.Name}': all {distinct} values are distinct, an identifier; not used for training (--keep {text.Name} uses it)");
            }
        }

        return new ColumnRoles(dates, identifiers);
    }

    private static DateColumnSchema? AsDate(TextValues text, TrainingReadOptions options, string origin)
    {
        var forced = options.Dates.Contains(text.Name);
        if (!forced && options.Csv.Categorical.Contains(text.Name))
        {
            return null;
        }

        var format = forced ? options.DateFormat : null;
        var parsed = DateFeatures.ParseDistinct(text, format);
        var used = Used(text);
        var any = false;
        var hasTime = false;
        for (var d = 0; d < parsed.Length; d++)
        {
            if (!used[d])
            {
                continue;
            }

            if (parsed[d] is not { } value)
            {
                if (!forced)
                {
                    return null;
                }

                continue;
            }

            any = true;
            hasTime |= value.HasTime;
        }

        if (forced && !any)
        {
            var example = text.Distinct.Where((_, d) => used[d]).FirstOrDefault();
            throw TabmlException.BadData($"{origin}: column '{text.Name}': --date: no value is a date in the {format ?? "ISO-8601"} layout{(example is null ? string.Empty : $" (e.g. '{example}')")}; set --date-format");
        }

        return any ? new DateColumnSchema(text.Name, format, hasTime) : null;
    }

    /// <summary>The number of rows with a value when those values are all distinct and enough; otherwise null.</summary>
    private static int? IsIdentifier(TextValues text, int[]? rows)
    {
        var seen = new bool[text.Distinct.Count];
        var present = 0;
        var count = rows?.Length ?? text.Length;
        for (var i = 0; i < count; i++)
        {
            var code = text.Codes[rows is null ? i : rows[i]];
            if (code == TextValues.Missing)
            {
                continue;
            }

            if (seen[code])
            {
                return null;
            }

            seen[code] = true;
            present++;
        }

        return present >= MinimumIdentifierRows ? present : null;
    }

    private static bool[] Used(TextValues text)
    {
        var used = new bool[text.Distinct.Count];
        foreach (var code in text.Codes)
        {
            if (code != TextValues.Missing)
            {
                used[code] = true;
            }
        }

        return used;
    }

    private static void CheckNames(CsvTable table, DateColumnSchema date)
    {
        foreach (var name in date.FeatureNames)
        {
            if (table.IndexOf(name) >= 0)
            {
                throw TabmlException.BadData($"{table.Path}: column '{name}' has the name of a feature derived from the date column '{date.Name}'; rename it, or keep '{date.Name}' categorical with --cat {date.Name}");
            }
        }
    }
}
