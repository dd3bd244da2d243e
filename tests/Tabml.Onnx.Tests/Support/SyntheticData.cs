using System.Globalization;

namespace Tabml.Onnx.Tests.Support;

/// <summary>
/// A generated binary dataset that reaches every encoding and split kind: a numeric column with 20% missing
/// values (median imputation, missing indicators, LightGBM's NaN routing), a 40-category column (RealMLP
/// embedding, LightGBM bitsets over two 32-bit words, FastTree's ordinal code), a 3-category column (one-hot)
/// and a column with one category or missing (RealMLP's ±1).
/// </summary>
public static class SyntheticData
{
    public const string Name = "synthetic";

    public static string[] Lines()
    {
        var random = new Random(5);
        var lines = new List<string> { "x1,x2,c1,c2,c3,y" };
        for (var i = 0; i < 700; i++)
        {
            var x1 = random.NextDouble() * 10 - 5;
            var x2 = random.NextDouble();
            var c1 = random.Next(40);
            var c2 = random.Next(3);
            var c3 = random.NextDouble() < 0.5;
            var missing = random.NextDouble() < 0.2;
            var score = (missing ? 1.0 : x1 * 0.5) + (c1 % 3 == 0 ? 2.0 : -1.0) + (c1 > 33 ? 2.5 : 0.0) + c2 - 1 + (c3 ? 0.7 : 0.0) + x2 + (random.NextDouble() * 2 - 1);
            var fields = new[]
            {
                missing ? string.Empty : x1.ToString("F3", CultureInfo.InvariantCulture),
                x2.ToString("F3", CultureInfo.InvariantCulture),
                random.NextDouble() < 0.1 ? string.Empty : $"k{c1:D2}",
                $"level{c2}",
                c3 ? "only" : string.Empty,
                score > 0.5 ? "yes" : "no",
            };
            lines.Add(string.Join(',', fields));
        }

        return [.. lines];
    }
}
