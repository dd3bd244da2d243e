using System.CommandLine;
using Tabml.Data;
using Tabml.Data.Csv;
using Tabml.Errors;

namespace Tabml.Cli.Commands;

/// <summary>The CSV options shared by the commands that read a training file.</summary>
internal sealed class DataOptions
{
    public Option<string[]> Na { get; } = ListOption("--na", "Extra field texts that mean missing, comma-separated (e.g. NA,?,null). The empty field is always missing.");

    public Option<string[]> Cat { get; } = ListOption("--cat", "Columns to read as categorical, comma-separated.");

    public Option<string[]> Num { get; } = ListOption("--num", "Columns that must be numeric, comma-separated.");

    public Option<string[]> Ignore { get; } = ListOption("--ignore", "Columns to leave out, comma-separated.");

    public Option<string[]> Date { get; } = ListOption("--date", "Columns to read as dates, comma-separated (ISO-8601 columns are found without it).");

    public Option<string?> DateFormat { get; } = new("--date-format") { Description = "The layout of the --date columns as a .NET custom format, e.g. dd.MM.yyyy or yyyyMMdd HH:mm." };

    public Option<string[]> Keep { get; } = ListOption("--keep", "Categorical columns to use even when every value is distinct (not identifiers), comma-separated.");

    public Option<string?> Target { get; } = new("--target", "-t") { Description = "The target column (default: the last column)." };

    public Option<string> Task { get; } = new Option<string>("--task") { Description = "auto, binary, multiclass or regression.", DefaultValueFactory = _ => "auto" }
        .AcceptOnlyFromAmong("auto", "binary", "multiclass", "regression");

    public void AddTo(Command command, bool withTarget = true, bool withTask = true)
    {
        if (withTarget)
        {
            command.Options.Add(Target);
        }

        if (withTask)
        {
            command.Options.Add(Task);
        }

        command.Options.Add(Na);
        command.Options.Add(Cat);
        command.Options.Add(Num);
        command.Options.Add(Ignore);
        command.Options.Add(Date);
        command.Options.Add(DateFormat);
        command.Options.Add(Keep);
    }

    public TrainingReadOptions ReadOptions(ParseResult result)
    {
        var cat = Set(result.GetValue(Cat));
        var num = Set(result.GetValue(Num));
        var both = cat.Intersect(num).ToList();
        if (both.Count > 0)
        {
            throw TabmlException.Usage($"columns in both --cat and --num: {string.Join(", ", both)}");
        }

        var task = result.GetValue(Task) ?? "auto";
        return new TrainingReadOptions
        {
            Target = result.GetValue(Target),
            Task = task == "auto" ? null : TaskKindExtensions.Parse(task),
            Csv = new CsvReadOptions
            {
                MissingTokens = Split(result.GetValue(Na)),
                Categorical = cat,
                Numeric = num,
                Ignored = Set(result.GetValue(Ignore)),
            },
            Dates = Set(result.GetValue(Date)),
            DateFormat = result.GetValue(DateFormat),
            Keep = Set(result.GetValue(Keep)),
        };
    }

    public static string[] Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToArray();

    private static HashSet<string> Set(string[]? values) => new(Split(values), StringComparer.Ordinal);

    private static Option<string[]> ListOption(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.OneOrMore,
    };
}
