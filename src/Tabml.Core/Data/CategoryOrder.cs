using System.Globalization;

namespace Tabml.Data;

/// <summary>
/// The order of categories and class labels (method-spec §1: ordinal encoding over sorted categories):
/// numerically when every value is a number (a column forced categorical, a numeric class label), else by
/// ordinal string comparison, as Python sorts strings.
/// </summary>
public static class CategoryOrder
{
    public static string[] Sort(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToArray();
        var numbers = new double[distinct.Length];
        var allNumeric = true;
        for (var i = 0; i < distinct.Length && allNumeric; i++)
        {
            allNumeric = double.TryParse(distinct[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i]);
        }

        if (allNumeric)
        {
            // Ties ("1" and "1.0") keep a stable ordinal order.
            return distinct.Select((v, i) => (v, n: numbers[i])).OrderBy(x => x.n).ThenBy(x => x.v, StringComparer.Ordinal).Select(x => x.v).ToArray();
        }

        Array.Sort(distinct, StringComparer.Ordinal);
        return distinct;
    }

    /// <summary>A number as a class label: the shortest text that round-trips ("1", "0.5").</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
