using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tabml.Errors;
using Tabml.Learners;
using Tabml.Settings;

namespace Tabml.Bundles;

/// <summary>
/// Reads and verifies a bundle: zip structure, format name and version, the manifest's own sha256, then
/// each member entry's size and sha256 as it is read. Only data is parsed; nothing in the file runs.
/// </summary>
internal static class BundleReader
{
    private const long MaxEntryBytes = 4L << 30;

    public static ModelBundle Read(string path)
    {
        if (!File.Exists(path))
        {
            throw TabmlException.ModelFile(path, Directory.Exists(path) ? "is a directory, not a model file" : "model file not found");
        }

        try
        {
            using var zip = OpenZip(path);
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                {
                    throw TabmlException.ModelFile(path, $"entry {entry.FullName} appears twice: the file was modified or is corrupt");
                }
            }

            if (!entries.TryGetValue("manifest.json", out var manifestEntry))
            {
                throw TabmlException.ModelFile(path, "not a tabml model bundle (no manifest.json)");
            }

            var manifestBytes = ReadAll(manifestEntry);
            if (JsonProblem(manifestBytes) is { } problem)
            {
                throw TabmlException.ModelFile(path, $"manifest.json: {problem}");
            }

            var manifest = ParseManifest(path, manifestBytes);

            if (!entries.TryGetValue("manifest.sha256", out var hashEntry) || Encoding.ASCII.GetString(ReadAll(hashEntry)) != BundleWriter.Sha256(manifestBytes))
            {
                throw TabmlException.ModelFile(path, "manifest.json does not match its sha256: the file was modified or is corrupt");
            }

            var schema = BundleSchemaMapping.FromManifest(manifest.Schema, problem => TabmlException.ModelFile(path, $"manifest.json: {problem}"));
            CheckSettings(path, manifest, schema.Target.ClassLabels.Count);
            var members = new List<BundleMember>();
            try
            {
                foreach (var info in manifest.Members)
                {
                    members.Add(LoadMember(path, info, entries, schema));
                }

                if (members.All(m => m.Weight <= 0))
                {
                    throw TabmlException.ModelFile(path, "manifest.json: no member has a positive weight");
                }

                return new ModelBundle(schema, manifest.Settings, manifest.Validation, members, manifest.Ensemble) { TabmlVersion = manifest.TabmlVersion };
            }
            catch
            {
                // Members already loaded may hold native boosters.
                members.ForEach(m => m.Model.Dispose());
                throw;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or NotSupportedException)
        {
            throw TabmlException.ModelFile(path, $"corrupt or truncated model file ({FirstLine(e.Message)})", e);
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw TabmlException.ModelFile(path, "not a tabml model bundle (not a zip archive, or truncated)");
        }
    }

    private static BundleManifest ParseManifest(string path, byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
            || format.GetString() != BundleManifest.FormatName)
        {
            throw TabmlException.ModelFile(path, $"not a tabml model bundle (manifest format is not '{BundleManifest.FormatName}')");
        }

        if (!root.TryGetProperty("format_version", out var version) || !version.TryGetInt32(out var v) || v < 1)
        {
            throw TabmlException.ModelFile(path, "manifest.json has no valid format_version");
        }

        if (v > BundleManifest.CurrentVersion)
        {
            throw TabmlException.ModelFile(path, $"written by a newer tabml (bundle format {v}); this tabml reads format {BundleManifest.CurrentVersion}");
        }

        return root.Deserialize<BundleManifest>(BundleJson.Options)
            ?? throw TabmlException.ModelFile(path, "manifest.json is empty");
    }

    /// <summary>
    /// The settings are data, not code, but they must still be ones this tabml knows: the training settings,
    /// each member's learner settings in its typed record, and the recorded best member.
    /// </summary>
    private static void CheckSettings(string path, BundleManifest manifest, int classes)
    {
        SettingsJson.Read<BundleSettings>(manifest.Settings, BundleJson.Options, problem => TabmlException.ModelFile(path, $"manifest.json: settings: {problem}"));
        foreach (var member in manifest.Members)
        {
            if (member.Settings is not null && LearnerCatalog.SettingsType(member.Learner) is { } type)
            {
                SettingsJson.Read(member.Settings, type, BundleJson.Options, problem => TabmlException.ModelFile(path, $"manifest.json: member '{member.Name}' settings: {problem}"));
            }
        }

        EnsembleCalibration.Read(manifest.Ensemble, classes, out var calibrationProblem);
        if (calibrationProblem is not null)
        {
            throw TabmlException.ModelFile(path, $"manifest.json: {calibrationProblem}");
        }

        if (manifest.Ensemble?["best_member"] is { } best
            && (best is not JsonValue value || !value.TryGetValue<string>(out var name) || manifest.Members.All(m => m.Name != name)))
        {
            throw TabmlException.ModelFile(path, $"manifest.json: ensemble.best_member {best.ToJsonString()} names no member");
        }
    }

    private static BundleMember LoadMember(string path, BundleMemberInfo info, Dictionary<string, ZipArchiveEntry> entries, Data.DatasetSchema schema)
    {
        if (!ModelFormats.IsKnown(info.ModelFormat))
        {
            throw TabmlException.ModelFile(path, $"member '{info.Name}' has model format '{info.ModelFormat}', which this tabml cannot read");
        }

        var reader = new VerifyingArtifactReader(path, info, entries);
        var context = new ModelLoadContext(info.Learner, schema.Target.Task, schema.Target.ClassLabels.Count);
        var model = ModelFormats.Load(info.ModelFormat, reader, context);
        return new BundleMember(info.Name, model, info.Weight, info.Validation, info.Settings);
    }

    /// <summary>What the deserializer would report as something other than a JSON error: text that is not UTF-8, or null in a list.</summary>
    internal static string? JsonProblem(byte[] json) =>
        !System.Text.Unicode.Utf8.IsValid(json) ? "not valid UTF-8 text"
        : NullInArray(json) ? "a list holds null, which tabml never writes"
        : null;

    /// <summary>
    /// Whether a JSON document has null as an array element. Nothing tabml writes does, and deserializing
    /// checks the nullability of properties but not of list elements, so a null there would surface later as
    /// a NullReferenceException instead of a bad-model-file error.
    /// </summary>
    internal static bool NullInArray(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var inArray = new Stack<bool>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray:
                        inArray.Push(true);
                        break;
                    case JsonTokenType.StartObject:
                        inArray.Push(false);
                        break;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject:
                        inArray.TryPop(out _);
                        break;
                    case JsonTokenType.Null when inArray.TryPeek(out var array) && array:
                        return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parser that reads it, with its position.
        }

        return false;
    }

    internal static byte[] ReadAll(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxEntryBytes)
        {
            throw new InvalidDataException($"entry {entry.FullName} is too large");
        }

        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, int.MaxValue));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Gives a member its entries, each checked against the manifest's size and sha256.</summary>
    private sealed class VerifyingArtifactReader(string path, BundleMemberInfo info, Dictionary<string, ZipArchiveEntry> entries) : IArtifactReader
    {
        public byte[] Read(string name)
        {
            var expected = info.Entries.FirstOrDefault(e => e.Name == name) ?? throw Corrupt(name, "entry is not listed in the manifest");
            if (!entries.TryGetValue($"members/{info.Name}/{name}", out var entry))
            {
                throw Corrupt(name, "entry is missing");
            }

            var content = ReadAll(entry);
            if (content.LongLength != expected.Bytes || BundleWriter.Sha256(content) != expected.Sha256)
            {
                throw Corrupt(name, "content does not match its sha256: the file was modified or is corrupt");
            }

            if (name.EndsWith(".json", StringComparison.Ordinal) && JsonProblem(content) is { } problem)
            {
                throw Corrupt(name, problem);
            }

            return content;
        }

        public Exception Corrupt(string name, string problem) =>
            TabmlException.ModelFile(path, $"member '{info.Name}', entry {name}: {problem}");
    }
}
