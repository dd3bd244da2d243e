using Tabml.Data;
using Tabml.Learners;
using Tabml.Metrics;

namespace Tabml.Core.Tests.TestData;

/// <summary>
/// A validation metric that ignores the predictions and returns a planted curve: the value of its i-th
/// evaluation is <c>curve(i)</c> (0-based). It lets a test check a learner's stopping and selection rule
/// on a curve it knows, whatever the model does.
/// </summary>
public sealed class PlantedCurveMetric(Func<int, double> curve) : IMetric
{
    public int Calls { get; private set; }

    public string Name => "planted";

    public bool AppliesTo(TaskKind task) => true;

    public double Compute(TargetColumn target, Predictions predictions) => curve(Calls++);

    /// <summary>
    /// Falls until <paramref name="firstMinimum"/> (0-based), is flat above the minimum afterwards, and ties the
    /// minimum again at <paramref name="tie"/>: patience counts from the first minimum, the kept count is the tie.
    /// </summary>
    public static PlantedCurveMetric FallThenTie(int firstMinimum, int tie) => new(i =>
        i < firstMinimum ? 1.0 - (i * 0.001)
        : i == firstMinimum || i == tie ? 0.5
        : 0.6);
}
