namespace Tabml.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
