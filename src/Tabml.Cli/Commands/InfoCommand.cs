using System.CommandLine;
using System.Globalization;
using Tabml.Bundles;
using Tabml.Cli.Output;
using Tabml.Data;

namespace Tabml.Cli.Commands;

/// <summary>
/// `tabml info DATA`: the inferred schema, row count and task of a CSV file; `tabml info MODEL`: a bundle's
/// schema, members, weights, validation scores, best member and training instruction set.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "CSV file (.csv or .csv.gz), or a model bundle (.tabml)." };
        var options = new DataOptions();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only results, warnings and errors." };
        var command = new Command("info", "Show the inferred schema (column, kind, missing, distinct), rows and task of a CSV file, or what a model bundle holds.") { data };
        options.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction(result =>
        {
            var reporter = new ConsoleReporter(console.Error, result.GetValue(quiet) || result.GetValue(json));
            if (IsBundle(result.GetValue(data)!))
            {
                return ShowBundle(console, result.GetValue(data)!, result.GetValue(json));
            }

            var description = DatasetDescription.Describe(result.GetValue(data)!, options.ReadOptions(result), reporter);
            if (result.GetValue(json))
            {
                JsonOutput.Write(console.Out, description);
            }
            else
            {
                Print(console.Out, description);
            }

            return 0;
        });
        return command;
    }

    /// <summary>A bundle is a zip: its name ends in .tabml, or its first bytes are a zip header (CSV text never is one).</summary>
    private static bool IsBundle(string path)
    {
        if (path.EndsWith(".tabml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int ShowBundle(CliConsole console, string path, bool json)
    {
        using var bundle = ModelBundle.Load(path);
        var description = BundleDescription.Describe(path, bundle);
        if (json)
        {
            JsonOutput.Write(console.Out, description);
        }
        else
        {
            console.Out.Write(BundleInfoText.Format(description));
        }

        return 0;
    }

    private static void Print(TextWriter output, DatasetDescription d)
    {
        var delimiter = d.Delimiter == '\t' ? "tab" : $"'{d.Delimiter}'";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Path}: {d.Rows} rows, {d.Columns.Count} columns, delimiter {delimiter}"));
        var classes = d.Classes is { } k ? string.Create(CultureInfo.InvariantCulture, $", {k} classes") : string.Empty;
        output.WriteLine($"target: {d.Target} ({d.Task}{classes})");
        output.WriteLine();
        var table = new TextTable("column", "kind", "missing", "distinct", "role").AlignRight(2, 3);
        foreach (var c in d.Columns)
        {
            table.Add(c.Name, c.Kind, c.Missing.ToString(CultureInfo.InvariantCulture), c.Distinct.ToString(CultureInfo.InvariantCulture), c.Role ?? string.Empty);
        }

        output.Write(table.ToString());
        if (d.Dates.Count > 0)
        {
            output.WriteLine();
        }

        foreach (var date in d.Dates)
        {
            output.WriteLine($"date column {date.Name} ({date.Format}): the models see {string.Join(", ", date.Features)}");
        }
    }
}
