using Tabml.Bundles;
using Tabml.Data;

namespace Tabml.Onnx.Tests.Support;

/// <summary>
/// Row-by-row agreement of ONNX Runtime with <see cref="ModelBundle.Predict"/> (what <c>tabml predict</c>
/// prints): probabilities within 1e-4 absolute, regression values within 1e-4 relative (to max(|value|, 1)),
/// labels identical except where the two best classes tie to within 1e-5.
/// </summary>
public static class Agreement
{
    public const double Tolerance = 1e-4;
    private const double TieWidth = 1e-5;

    public static Deviation Measure(ModelBundle bundle, Dataset data, string? member, OrtOutputs ort)
    {
        var expected = bundle.Predict(data, 1, member);
        Assert.Equal(data.RowCount, expected.RowCount);
        if (bundle.Task == TaskKind.Regression)
        {
            var worst = 0.0;
            for (var r = 0; r < expected.RowCount; r++)
            {
                worst = Math.Max(worst, Math.Abs(ort.Values![r] - expected[r, 0]) / Math.Max(Math.Abs(expected[r, 0]), 1.0));
            }

            return new Deviation(worst, expected.RowCount, 0, 0);
        }

        var classes = bundle.Schema.Target.ClassLabels;
        var argMax = expected.ArgMax();
        var largest = 0.0;
        var (ties, mismatches) = (0, 0);
        for (var r = 0; r < expected.RowCount; r++)
        {
            for (var k = 0; k < classes.Count; k++)
            {
                largest = Math.Max(largest, Math.Abs(ort.Probabilities![(r * classes.Count) + k] - expected[r, k]));
            }

            if (ort.Labels![r] != classes[argMax[r]])
            {
                var sorted = expected.Row(r).ToArray().OrderDescending().ToArray();
                _ = sorted[0] - sorted[1] <= TieWidth ? ties++ : mismatches++;
            }
        }

        return new Deviation(largest, expected.RowCount, ties, mismatches);
    }

    public static Deviation Check(ModelBundle bundle, Dataset data, string? member, OrtOutputs ort)
    {
        var deviation = Measure(bundle, data, member, ort);
        Assert.True(deviation.Largest <= Tolerance, $"{member ?? "ensemble"}: largest deviation {deviation.Largest:E3} > {Tolerance:E0}");
        Assert.Equal(0, deviation.LabelMismatches);
        return deviation;
    }
}

/// <summary>The largest deviation over all rows and outputs, and labels that differ at a tie or otherwise.</summary>
public sealed record Deviation(double Largest, int Rows, int LabelTies, int LabelMismatches)
{
    public override string ToString() => $"largest deviation {Largest:E2} over {Rows} rows; label ties {LabelTies}";
}
