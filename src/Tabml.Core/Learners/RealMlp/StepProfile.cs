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

/// <summary>
/// Optional per-part timing of training steps (for <c>tabml bench realmlp</c>): each worker adds the ticks
/// of the parts it ran to its own row, so the totals are thread time per part.
/// </summary>
internal sealed class StepProfile
{
    private static readonly int PartCount = Enum.GetValues<StepPart>().Length;
    private readonly long[] _ticks = new long[Numerics.Threading.WorkerPool.MaxThreads * PartCount];

    /// <summary>Adds the time since <paramref name="start"/> to a part; returns now (the next part's start).</summary>
    public long Add(int worker, StepPart part, long start)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[(worker * PartCount) + (int)part] += now - start;
        return now;
    }

    public void Clear() => Array.Clear(_ticks);

    /// <summary>Thread seconds per part, summed over workers.</summary>
    public IReadOnlyDictionary<StepPart, double> Seconds()
    {
        var result = new Dictionary<StepPart, double>();
        foreach (var part in Enum.GetValues<StepPart>())
        {
            long sum = 0;
            for (var w = 0; w < Numerics.Threading.WorkerPool.MaxThreads; w++)
            {
                sum += _ticks[(w * PartCount) + (int)part];
            }

            result[part] = sum / (double)Stopwatch.Frequency;
        }

        return result;
    }
}
