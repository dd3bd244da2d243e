namespace Tabml.Cli.Tests;

/// <summary>Paths in the repository and scratch copies of its datasets.</summary>
public sealed class RepoFiles : IDisposable
{
    public RepoFiles()
    {
        Scratch = Path.Combine(Path.GetTempPath(), "tabml-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Scratch);
    }

    public static string Root { get; } = FindRoot();

    public static string Datasets => Path.Combine(Root, "datasets");

    public string Scratch { get; }

    /// <summary>A temp copy of a shipped dataset, so tests never touch the repository's files.</summary>
    public string Dataset(string name)
    {
        var copy = Path.Combine(Scratch, name);
        if (!File.Exists(copy))
        {
            File.Copy(Path.Combine(Datasets, name), copy);
        }

        return copy;
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Scratch, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Scratch, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

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
