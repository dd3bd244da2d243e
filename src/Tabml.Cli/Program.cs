namespace Tabml.Cli;

public static class Program
{
    public static int Main(string[] args) =>
        CliApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null);
}
