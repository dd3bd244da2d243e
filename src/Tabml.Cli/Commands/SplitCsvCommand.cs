using System.CommandLine;
using Tabml.Data.Csv;
using Tabml.Errors;

namespace Tabml.Cli.Commands;

/// <summary>`tabml split-csv DATA --parts N`: row partitions for data-parallel training.</summary>
internal static class SplitCsvCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "CSV file to partition by rows." };
        var parts = new Option<int>("--parts", "-n") { Description = "Number of partitions.", Required = true };
        var output = new Option<string?>("--out-dir") { Description = "Folder for NAME.part1.csv ... (default: next to DATA)." };
        var command = new Command("split-csv", "Partition a CSV file by rows (round-robin) into N files with the same header.") { data, parts, output };
        command.SetAction(result =>
        {
            var path = result.GetValue(data)!;
            var files = CsvPartitioner.Split(path, result.GetValue(parts), result.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
            foreach (var file in files)
            {
                console.Out.WriteLine(file);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
