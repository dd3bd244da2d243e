using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tabml.Settings;

/// <summary>
/// Enums in settings, bundles and defaults as snake_case strings (or the spelling of
/// <see cref="JsonStringEnumMemberNameAttribute"/>), matched exactly: a number or an unknown name is an
/// error that lists the accepted names, never a silent fallback to some default member.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The JSON spelling of <paramref name="value"/>.</summary>
    public static string NameOf<T>(T value)
        where T : struct, Enum => Converter<T>.Spelling(value);

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly (T Value, string Name)[] Names = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((T)f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Name)))
            .ToArray();

        public static string Spelling(T value) =>
            Names.FirstOrDefault(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Name
            ?? throw new JsonException($"{value} is not a value of {typeof(T).Name}");

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var accepted = string.Join(", ", Names.Select(n => $"'{n.Name}'"));
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"expected one of {accepted}, found {Describe(reader.TokenType)}");
            }

            var text = reader.GetString();
            foreach (var (value, name) in Names)
            {
                if (string.Equals(name, text, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            throw new JsonException($"'{text}' is not one of {accepted}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Spelling(value));

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => token.ToString(),
        };
    }
}
