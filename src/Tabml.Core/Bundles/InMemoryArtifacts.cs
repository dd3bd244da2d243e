using Tabml.Errors;

namespace Tabml.Bundles;

/// <summary>Member entries held in memory: what a model writes, read back as the bundle would give it.</summary>
public sealed class InMemoryArtifacts : IArtifactWriter, IArtifactReader
{
    private readonly SortedDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    public InMemoryArtifacts(string origin = "in-memory model")
    {
        Origin = origin;
    }

    /// <summary>Names the source in error messages (the bundle path and member).</summary>
    public string Origin { get; }

    public IReadOnlyDictionary<string, byte[]> Entries => _entries;

    public void Write(string name, byte[] content)
    {
        if (!_entries.TryAdd(name, content))
        {
            throw new InvalidOperationException($"entry '{name}' written twice");
        }
    }

    public byte[] Read(string name) =>
        _entries.TryGetValue(name, out var content) ? content : throw Corrupt(name, "entry is missing");

    public Exception Corrupt(string name, string problem) =>
        new TabmlException(ExitCodes.BadModelFile, $"{Origin}: {name}: {problem}");
}
