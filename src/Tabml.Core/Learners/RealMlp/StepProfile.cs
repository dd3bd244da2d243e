using System.Diagnostics;

namespace Tabml.Learners.RealMlp;

/// <summary>The parts of a training step that <see cref="StepProfile"/> times.</summary>
internal enum StepPart
{
    Input,
    Forward,
    Head,
    Backward,
    InputBackward,
    WeightGradient,
    Update,
    Embeddings,
    Masks,
}

/// <summary>The two phases of a training step (<see cref="TrainingStep"/>).</summary>
internal enum StepPhase
{
    RowBlocks,
    Parameters,
}

/// <summary>
/// Optional per-part timing of training steps (for <c>tabml bench realmlp</c>): each worker adds the ticks
/// of the parts it ran to its own row, so the totals are thread time per part; the caller adds each phase's
/// wall time, so that thread time against wall × threads shows how long workers waited for each other.
/// </summary>
internal sealed class StepProfile
{
    private const int Workers = Numerics.Threading.WorkerPool.MaxThreads;
    private static readonly int PartCount = Enum.GetValues<StepPart>().Length;
    private readonly long[] _ticks = new long[Workers * PartCount];
    private readonly long[] _phaseWall = new long[Enum.GetValues<StepPhase>().Length];

    /// <summary>Adds the time since <paramref name="start"/> to a part; returns now (the next part's start).</summary>
    public long Add(int worker, StepPart part, long start)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[(worker * PartCount) + (int)part] += now - start;
        return now;
    }

    /// <summary>Adds a phase's wall time since <paramref name="start"/> (the caller's clock); returns now.</summary>
    public long AddPhase(StepPhase phase, long start)
    {
        var now = Stopwatch.GetTimestamp();
        _phaseWall[(int)phase] += now - start;
        return now;
    }

    public void Clear()
    {
        Array.Clear(_ticks);
        Array.Clear(_phaseWall);
    }

    /// <summary>Wall seconds of a phase, summed over the steps.</summary>
    public double PhaseSeconds(StepPhase phase) => ToSeconds(_phaseWall[(int)phase]);

    /// <summary>Thread seconds per worker of the parts of a phase (index = worker).</summary>
    public double[] WorkerSeconds(StepPhase phase)
    {
        var parts = Enum.GetValues<StepPart>().Where(p => PhaseOf(p) == phase).ToArray();
        return Enumerable.Range(0, Workers).Select(w => ToSeconds(parts.Sum(p => Ticks(w, p)))).ToArray();
    }

    /// <summary>The phase a part runs in: the row blocks' chain, or the parameters' updates.</summary>
    public static StepPhase PhaseOf(StepPart part) => part switch
    {
        StepPart.Input or StepPart.Forward or StepPart.Head or StepPart.Backward or StepPart.InputBackward => StepPhase.RowBlocks,
        _ => StepPhase.Parameters,
    };

    /// <summary>Thread seconds per part, summed over workers.</summary>
    public IReadOnlyDictionary<StepPart, double> Seconds() =>
        Enum.GetValues<StepPart>().ToDictionary(part => part, part => ToSeconds(Enumerable.Range(0, Workers).Sum(w => Ticks(w, part))));

    private long Ticks(int worker, StepPart part) => _ticks[(worker * PartCount) + (int)part];

    private static double ToSeconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}
