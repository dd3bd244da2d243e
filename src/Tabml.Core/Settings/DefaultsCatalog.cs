using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tabml.Settings;

/// <summary>
/// The meta-tuned defaults of every learner, kept as data: one JSON file per learner × task under
/// <c>defaults/</c>, embedded into this assembly. Unknown or missing keys and unknown enum values are errors
/// naming the file and key, so a typo in a defaults file cannot silently fall back to a constructor default.
/// </summary>
public static class DefaultsCatalog
{
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new StrictEnumConverter() },
    };

    /// <summary>The names of all embedded defaults files, e.g. <c>lightgbm-td.classification</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(DefaultsCatalog).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith("defaults/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n["defaults/".Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Reads <c>defaults/NAME.json</c> into a settings record.</summary>
    public static T Load<T>(string name)
    {
        using var stream = typeof(DefaultsCatalog).Assembly.GetManifestResourceStream($"defaults/{name}.json")
            ?? throw new InvalidOperationException($"no embedded defaults file 'defaults/{name}.json'");
        return Read<T>(name, stream);
    }

    /// <summary>Reads defaults JSON named <paramref name="name"/> (for messages) from <paramref name="stream"/>.</summary>
    internal static T Read<T>(string name, Stream stream)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(stream, JsonOptions)
                ?? throw new InvalidOperationException($"defaults/{name}.json is empty");
        }
        catch (JsonException e)
        {
            // The defaults are built in: a bad one is a bug of this build, named by file and key.
            throw new InvalidOperationException($"defaults/{name}.json: {SettingsJson.Explain(e)}", e);
        }
    }
}
