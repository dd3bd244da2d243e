namespace Tabml.Learners.RealMlp;

/// <summary>
/// Best-epoch selection (method-spec §2.11): an epoch becomes the best when its validation metric is at most
/// the best so far, so ties go to the later epoch.
/// </summary>
public sealed class BestEpochTracker
{
    public double Best { get; private set; } = double.PositiveInfinity;

    public int BestEpoch { get; private set; }

    /// <summary>Records an epoch's metric; true when the parameters should be saved as the new best.</summary>
    public bool Record(int epoch, double metric)
    {
        if (!(metric <= Best))
        {
            return false;
        }

        Best = metric;
        BestEpoch = epoch;
        return true;
    }
}
