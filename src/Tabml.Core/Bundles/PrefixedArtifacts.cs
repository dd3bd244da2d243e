namespace Tabml.Bundles;

/// <summary>A view of a member's entries under a folder prefix, for models that wrap other models.</summary>
internal sealed class PrefixedArtifacts(string prefix, IArtifactWriter? writer, IArtifactReader? reader) : IArtifactWriter, IArtifactReader
{
    public static PrefixedArtifacts Writing(string prefix, IArtifactWriter writer) => new(prefix, writer, null);

    public static PrefixedArtifacts Reading(string prefix, IArtifactReader reader) => new(prefix, null, reader);

    public void Write(string name, byte[] content) => writer!.Write(prefix + name, content);

    public byte[] Read(string name) => reader!.Read(prefix + name);

    public Exception Corrupt(string name, string problem) => reader!.Corrupt(prefix + name, problem);
}
