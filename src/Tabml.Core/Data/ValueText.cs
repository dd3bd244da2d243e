using System.Globalization;

namespace Tabml.Data;

/// <summary>How in-memory .NET values become table values: numbers stay numbers, everything else becomes text.</summary>
internal static class ValueText
{
    public static bool IsNumber(object value) => value is double or float or decimal or int or long or short or sbyte or byte or uint or ulong or ushort;

    public static bool IsNumberType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(short)
            || t == typeof(sbyte) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort);
    }

    public static double ToDouble(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>The text of a value as a CSV file would hold it; null stays null (missing).</summary>
    public static string? Of(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString(d.Kind == DateTimeKind.Utc ? "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ" : "yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? null : f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
