using System.CommandLine;

namespace Tabml.Cli.Commands;

/// <summary>Options every command has: --json and --quiet.</summary>
internal sealed class CommonOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as one JSON document on stdout." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only results, warnings and errors." };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Quiet);
    }
}
