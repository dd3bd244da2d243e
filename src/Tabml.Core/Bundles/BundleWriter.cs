using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tabml.Bundles;

/// <summary>
/// Writes a bundle zip: manifest.json, manifest.sha256, then each member's entries under
/// members/NAME/. Entries come in a fixed order with a fixed timestamp, so the same models give the same
/// bytes. The file is written beside the target and moved into place, so a failure leaves no half file.
/// </summary>
internal static class BundleWriter
{
    private static readonly DateTimeOffset FixedTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(ModelBundle bundle, string path)
    {
        var members = new List<(BundleMemberInfo Info, InMemoryArtifacts Entries)>();
        foreach (var member in bundle.Members)
        {
            var entries = new InMemoryArtifacts();
            member.Model.Save(entries);
            var stored = entries.Entries.Select(e => new BundleEntry(e.Key, e.Value.Length, Sha256(e.Value))).ToArray();
            var info = new BundleMemberInfo(member.Name, member.Model.LearnerName, member.Model.Format, member.Weight, member.Validation, member.Model.Facts, member.Settings?.DeepClone(), stored);
            members.Add((info, entries));
        }

        var manifest = new BundleManifest(
            BundleManifest.FormatName,
            BundleManifest.CurrentVersion,
            TabmlVersion,
            BundleSchemaMapping.ToManifest(bundle.Schema),
            (System.Text.Json.Nodes.JsonObject)bundle.Settings.DeepClone(),
            bundle.Validation,
            members.Select(m => m.Info).ToArray(),
            (System.Text.Json.Nodes.JsonObject?)bundle.Ensemble?.DeepClone());
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, BundleJson.Options);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                Add(zip, "manifest.json", manifestBytes);
                Add(zip, "manifest.sha256", Encoding.ASCII.GetBytes(Sha256(manifestBytes)));
                foreach (var (info, entries) in members)
                {
                    foreach (var (name, content) in entries.Entries)
                    {
                        Add(zip, $"members/{info.Name}/{name}", content);
                    }
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static string TabmlVersion { get; } =
        typeof(BundleWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTimestamp;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
