namespace Tabml.Learners;

/// <summary>
/// A thread count that a running learner reads at each of its steps, so a caller can hand it more threads
/// (or fewer) while it runs, for example the threads of a member that finished. Learners whose results do
/// not depend on their thread count (RealMLP) follow it; others may read it once at the start.
/// </summary>
public sealed class ThreadBudget
{
    private int _current;

    public ThreadBudget(int threads) => Current = threads;

    /// <summary>The threads the learner may use from its next step on (at least 1).</summary>
    public int Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, Math.Max(1, value));
    }
}
