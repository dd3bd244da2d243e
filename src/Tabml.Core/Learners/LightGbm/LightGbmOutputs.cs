using Tabml.Data;

namespace Tabml.Learners.LightGbm;

/// <summary>
/// Turns LightGBM's normal outputs into <see cref="Predictions"/>: binary [1 − p, p], multiclass the softmax
/// probabilities, regression the value. Prediction returns rows one after another (row-major); the
/// booster's own validation predictions come class after class (class-major).
/// </summary>
internal static class LightGbmOutputs
{
    public static Predictions FromRowMajor(double[] raw, int rows, TaskKind task, int classCount) => task switch
    {
        TaskKind.Binary => Binary(raw, rows),
        TaskKind.Multiclass => new Predictions(rows, classCount, raw),
        _ => new Predictions(rows, 1, raw),
    };

    public static Predictions FromClassMajor(double[] raw, int rows, TaskKind task, int classCount)
    {
        if (task != TaskKind.Multiclass)
        {
            return FromRowMajor(raw, rows, task, classCount);
        }

        var values = new double[raw.Length];
        for (var k = 0; k < classCount; k++)
        {
            for (var r = 0; r < rows; r++)
            {
                values[(r * classCount) + k] = raw[(k * rows) + r];
            }
        }

        return new Predictions(rows, classCount, values);
    }

    private static Predictions Binary(double[] positive, int rows)
    {
        var values = new double[rows * 2];
        for (var r = 0; r < rows; r++)
        {
            values[2 * r] = 1.0 - positive[r];
            values[(2 * r) + 1] = positive[r];
        }

        return new Predictions(rows, 2, values);
    }
}
