using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tabml.Settings;

/// <summary>
/// Reads settings JSON into typed records strictly (unknown keys and values are errors) and says which key
/// was wrong in words a user can act on.
/// </summary>
public static partial class SettingsJson
{
    /// <summary>Deserializes <paramref name="node"/>; a problem becomes <paramref name="fail"/>("key 'x': ...").</summary>
    public static T Read<T>(JsonNode? node, JsonSerializerOptions options, Func<string, Exception> fail) =>
        (T)Read(node, typeof(T), options, fail);

    /// <summary>Deserializes <paramref name="node"/> into <paramref name="type"/>; a problem becomes <paramref name="fail"/>("key 'x': ...").</summary>
    public static object Read(JsonNode? node, Type type, JsonSerializerOptions options, Func<string, Exception> fail)
    {
        try
        {
            return node.Deserialize(type, options) ?? throw fail("is null");
        }
        catch (JsonException e)
        {
            throw fail(Explain(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // A value of the wrong JSON type inside a JsonNode surfaces as one of these.
            throw fail(FirstLine(e.Message));
        }
    }

    /// <summary>"unknown key 'x'", or "key 'a.b': problem" from a System.Text.Json error.</summary>
    public static string Explain(JsonException e)
    {
        var unmapped = UnmappedProperty().Match(e.Message);
        if (unmapped.Success)
        {
            // The path already ends at the unknown property for nested objects in some cases, not in others.
            var property = unmapped.Groups[1].Value;
            var path = Key(e.Path, null);
            return $"unknown key '{(path == property || path.EndsWith("." + property, StringComparison.Ordinal) ? path : Key(e.Path, property))}'";
        }

        var missing = MissingProperties().Match(e.Message);
        if (missing.Success)
        {
            return $"missing key(s) {missing.Groups[1].Value}";
        }

        var message = FirstLine(e.Message);
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = cut < 0 ? message : message[..cut];
        var key = Key(e.Path, null);
        return key.Length == 0 ? message : $"key '{key}': {message}";
    }

    private static string Key(string? path, string? child)
    {
        var key = path is null or "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return child is null ? key : key.Length == 0 ? child : $"{key}.{child}";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*?)\\.?( Path:|$)")]
    private static partial Regex MissingProperties();
}
