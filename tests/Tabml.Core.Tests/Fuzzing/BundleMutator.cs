using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Numerics.Random;

namespace Tabml.Core.Tests.Fuzzing;

/// <summary>
/// Damages a bundle: raw damage to the file (caught by the zip and sha256 checks), and damage with the
/// hashes recomputed, which gets past the checks to the parsers behind them (manifest, JSON entries,
/// LightGBM's model text, ML.NET's zips, RealMLP's weights): what a buggy or hostile writer could produce.
/// </summary>
internal static class BundleMutator
{
    public static readonly string[] Kinds =
    [
        "truncate file", "flip file byte", "flip entry byte", "flip entry byte, rehashed", "truncate entry, rehashed",
        "junk entry, rehashed", "swap entries, rehashed", "remove entry", "add entry", "reorder entries", "duplicate entry",
        "manifest wrong type", "manifest remove key", "manifest add key", "manifest extreme number",
    ];

    public static (byte[] Bytes, string Kind) Mutate(byte[] bundle, DeterministicRandom rng)
    {
        var kind = Kinds[rng.NextInt(Kinds.Length)];
        if (kind == "truncate file")
        {
            return (bundle[..rng.NextInt(bundle.Length)], kind);
        }

        if (kind == "flip file byte")
        {
            var copy = bundle.ToArray();
            for (var n = 1 + rng.NextInt(4); n > 0; n--)
            {
                copy[rng.NextInt(copy.Length)] ^= (byte)(1 << rng.NextInt(8));
            }

            return (copy, kind);
        }

        var entries = Read(bundle);
        var pick = rng.NextInt(entries.Count);
        var (name, content) = entries[pick];
        switch (kind)
        {
            case "flip entry byte":
            case "flip entry byte, rehashed":
                entries[pick] = (name, Flip(content, rng));
                break;
            case "truncate entry, rehashed":
                entries[pick] = (name, content[..rng.NextInt(content.Length + 1)]);
                break;
            case "junk entry, rehashed":
                entries[pick] = (name, Enumerable.Range(0, rng.NextInt(200)).Select(_ => (byte)rng.NextInt(256)).ToArray());
                break;
            case "swap entries, rehashed":
                var other = rng.NextInt(entries.Count);
                (entries[pick], entries[other]) = ((name, entries[other].Content), (entries[other].Name, content));
                break;
            case "remove entry":
                entries.RemoveAt(pick);
                break;
            case "add entry":
                entries.Insert(rng.NextInt(entries.Count + 1), (rng.NextInt(2) == 0 ? $"members/{name.Split('/').ElementAtOrDefault(1)}/extra.bin" : "../outside.txt", [1, 2, 3]));
                break;
            case "reorder entries":
                entries = [.. entries.OrderBy(_ => rng.NextInt(1 << 30))];
                break;
            case "duplicate entry":
                entries.Insert(rng.NextInt(entries.Count + 1), (name, Flip(content, rng)));
                break;
            default:
                entries = EditManifest(entries, kind, rng);
                break;
        }

        if (kind.EndsWith("rehashed", StringComparison.Ordinal))
        {
            entries = Rehash(entries);
        }

        return (Write(entries), kind);
    }

    private static byte[] Flip(byte[] content, DeterministicRandom rng)
    {
        var copy = content.ToArray();
        for (var n = 1 + rng.NextInt(4); n > 0 && copy.Length > 0; n--)
        {
            copy[rng.NextInt(copy.Length)] ^= (byte)(1 << rng.NextInt(8));
        }

        return copy;
    }

    /// <summary>Replaces one value of the manifest (a value of another type, a removed or added key, an extreme number) and fixes its sha256.</summary>
    private static List<(string Name, byte[] Content)> EditManifest(List<(string Name, byte[] Content)> entries, string kind, DeterministicRandom rng)
    {
        var index = entries.FindIndex(e => e.Name == "manifest.json");
        if (index < 0)
        {
            return entries;
        }

        var root = JsonNode.Parse(entries[index].Content)!;
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var container = containers[rng.NextInt(containers.Count)];
        JsonNode?[] replacements = ["text", 7, -1, 1e308, true, null, new JsonArray(), new JsonObject(), 2147483648L, 0.5];
        double[] extremes = [0, -1, 1e308, -1e308, 2147483647, 4294967296, 1e-320, 99];
        switch (container)
        {
            case JsonObject o when o.Count > 0:
                var key = o.ElementAt(rng.NextInt(o.Count)).Key;
                if (kind == "manifest remove key")
                {
                    o.Remove(key);
                }
                else if (kind == "manifest add key")
                {
                    o["unexpected_" + rng.NextInt(100)] = 1;
                }
                else
                {
                    o[key] = kind == "manifest extreme number" ? extremes[rng.NextInt(extremes.Length)] : replacements[rng.NextInt(replacements.Length)]?.DeepClone();
                }

                break;
            case JsonArray a when a.Count > 0:
                var at = rng.NextInt(a.Count);
                if (kind == "manifest remove key")
                {
                    a.RemoveAt(at);
                }
                else
                {
                    a[at] = kind == "manifest extreme number" ? extremes[rng.NextInt(extremes.Length)] : replacements[rng.NextInt(replacements.Length)]?.DeepClone();
                }

                break;
        }

        entries[index] = ("manifest.json", Encoding.UTF8.GetBytes(root.ToJsonString()));
        return FixManifestHash(entries);
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        containers.Add(node);
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is JsonObject or JsonArray)
            {
                Collect(child, containers);
            }
        }
    }

    /// <summary>Rewrites every member entry's size and sha256 in the manifest to the damaged contents, then the manifest's own.</summary>
    private static List<(string Name, byte[] Content)> Rehash(List<(string Name, byte[] Content)> entries)
    {
        var index = entries.FindIndex(e => e.Name == "manifest.json");
        try
        {
            var root = index < 0 ? null : JsonNode.Parse(entries[index].Content);
            RehashMembers(entries, index, root);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A manifest damaged beyond parsing (bad JSON, invalid UTF-8) keeps its entries' hashes.
        }

        return FixManifestHash(entries);
    }

    private static void RehashMembers(List<(string Name, byte[] Content)> entries, int index, JsonNode? root)
    {
        if (root?["members"] is JsonArray members)
        {
            foreach (var member in members.OfType<JsonObject>())
            {
                foreach (var entry in (member["entries"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var stored = entries.FirstOrDefault(e => e.Name == $"members/{member["name"]}/{entry["name"]}");
                    if (stored.Content is not null)
                    {
                        entry["bytes"] = stored.Content.Length;
                        entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(stored.Content));
                    }
                }
            }

            entries[index] = ("manifest.json", Encoding.UTF8.GetBytes(root.ToJsonString()));
        }
    }

    public static List<(string Name, byte[] Content)> FixManifestHash(List<(string Name, byte[] Content)> entries)
    {
        var manifest = entries.FirstOrDefault(e => e.Name == "manifest.json").Content;
        var hash = entries.FindIndex(e => e.Name == "manifest.sha256");
        if (manifest is not null && hash >= 0)
        {
            entries[hash] = ("manifest.sha256", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(manifest))));
        }

        return entries;
    }

    public static List<(string Name, byte[] Content)> Read(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return (e.FullName, buffer.ToArray());
        }).ToList();
    }

    public static byte[] Write(List<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
