namespace Tabml.Learners.LightGbm;

/// <summary>
/// The reference's early stopping for GBDTs (method-spec §5.1): an iteration improves only when strictly
/// below the best so far; training stops after evaluating iteration i* + patience, i* being the first
/// iteration that reached the minimum. The kept tree count is the index of the LAST minimum of the
/// recorded curve plus one (pytabkit's reverse_argmin). A NaN loss (e.g. AUC on validation rows of one
/// class) never improves and is never the minimum; a curve of NaN alone keeps every iteration. FastTree-TD
/// uses the same rule on its own curves.
/// </summary>
public sealed class EarlyStopping
{
    private readonly List<double> _curve = [];
    private readonly int? _patience;
    private double _best = double.PositiveInfinity;
    private int _bestIteration = -1;

    public EarlyStopping(int? patience)
    {
        _patience = patience;
    }

    public IReadOnlyList<double> Curve => _curve;

    /// <summary>Records one iteration's validation loss; true when training should stop now.</summary>
    public bool Record(double loss)
    {
        if (double.IsNaN(loss))
        {
            loss = double.PositiveInfinity;
        }

        _curve.Add(loss);
        if (loss < _best)
        {
            _best = loss;
            _bestIteration = _curve.Count - 1;
        }

        return _patience is { } p && _curve.Count - 1 - _bestIteration >= p;
    }

    /// <summary>The number of iterations to keep: last minimum of the curve, 1-based.</summary>
    public int BestIterationCount()
    {
        if (_curve.Count == 0)
        {
            return 0;
        }

        var minimum = _curve.Min();
        return double.IsPositiveInfinity(minimum) ? _curve.Count : _curve.LastIndexOf(minimum) + 1;
    }
}
