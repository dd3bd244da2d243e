using System.Text.Json;
using System.Text.Json.Serialization;
using Tabml.Settings;

namespace Tabml.Bundles;

/// <summary>
/// JSON settings of bundle files: snake_case, indented, shortest round-trip numbers; reading is strict (an
/// unknown key or enum value is an error), as a verified file format should be.
/// </summary>
public static class BundleJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new StrictEnumConverter() },
    };
}
