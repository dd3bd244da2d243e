namespace Tabml.Core.Tests.TestData;

/// <summary>Paths in the repository: the shipped datasets and the test fixtures (read only).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Dataset(string name) => Path.Combine(Root, "datasets", name);

    public static string Fixture(string relative) => Path.Combine(Root, "tests", "Tabml.Core.Tests", "TestData", relative);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TabularCli.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (TabularCli.sln)");
    }
}
