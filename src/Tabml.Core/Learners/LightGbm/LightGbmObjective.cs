using System.Globalization;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// How LightGBM turns raw scores into its normal prediction (ObjectiveFunction::ConvertOutput), for the
/// objectives tabml trains: binary (sigmoid with its scale), multiclass (softmax), regression (identity).
/// </summary>
internal sealed class LightGbmObjective
{
    public const int Identity = 0;
    public const int Sigmoid = 1;
    public const int Softmax = 2;

    private readonly double _sigmoid;

    private LightGbmObjective(int kind, double sigmoid)
    {
        Kind = kind;
        _sigmoid = sigmoid;
    }

    public int Kind { get; }

    /// <summary>Reads the model text's "objective=" value; null for an objective tabml does not evaluate.</summary>
    public static LightGbmObjective? Parse(string? text)
    {
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length == 1 && parts[0] == "regression")
        {
            return new LightGbmObjective(Identity, 0);
        }

        if (parts.Length >= 1 && parts[0] == "multiclass")
        {
            return new LightGbmObjective(Softmax, 0);
        }

        if (parts.Length == 2 && parts[0] == "binary" && parts[1].StartsWith("sigmoid:", StringComparison.Ordinal)
            && double.TryParse(parts[1]["sigmoid:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var sigmoid))
        {
            return new LightGbmObjective(Sigmoid, sigmoid);
        }

        return null;
    }

    /// <summary>Converts one row's raw scores in place, with LightGBM's arithmetic.</summary>
    public void Convert(Span<double> scores)
    {
        switch (Kind)
        {
            case Sigmoid:
                scores[0] = 1.0 / (1.0 + Math.Exp(-_sigmoid * scores[0]));
                break;
            case Softmax:
                var max = scores[0];
                for (var k = 1; k < scores.Length; k++)
                {
                    max = Math.Max(scores[k], max);
                }

                var sum = 0.0;
                for (var k = 0; k < scores.Length; k++)
                {
                    scores[k] = Math.Exp(scores[k] - max);
                    sum += scores[k];
                }

                for (var k = 0; k < scores.Length; k++)
                {
                    scores[k] /= sum;
                }

                break;
        }
    }
}
