namespace Tabml.Bundles;

/// <summary>Receives the named entries of one bundle member.</summary>
public interface IArtifactWriter
{
    void Write(string name, byte[] content);
}
