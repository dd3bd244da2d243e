namespace Tabml.Bundles;

/// <summary>Gives back the named entries of one bundle member, already verified against their sha256.</summary>
public interface IArtifactReader
{
    /// <summary>The entry's bytes; a missing entry is a bad model file.</summary>
    byte[] Read(string name);

    /// <summary>Raises a bad-model-file error that names the member entry.</summary>
    Exception Corrupt(string name, string problem);
}
