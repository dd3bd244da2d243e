using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Tabml.Numerics.Threading;

/// <summary>Work split into numbered items; any worker may run any item, in any order.</summary>
public interface IWorkItems
{
    /// <param name="worker">0 for the calling thread, 1.. for the pool's threads (an index for per-worker scratch).</param>
    void Run(int item, int worker);
}

/// <summary>
/// Persistent threads for fork/join phases of tens of microseconds, where a .NET fork/join per phase would
/// cost as much as the phase. The caller runs items too; idle workers spin briefly, then sleep. Each worker
/// first takes the items of its own contiguous range (worker w of T: items [w·count/T, (w+1)·count/T)), so
/// the same worker touches the same data run after run and it stays in that core's cache, then takes what
/// is left in the other ranges. Who runs an item is not fixed, so callers must make an item's result
/// independent of it (then results do not depend on the thread count). The thread count may change
/// between runs.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    public const int MaxThreads = 256;

    /// <summary>How long an idle worker spins before it sleeps (phases of a training step follow each other within microseconds).</summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000;

    private readonly object _gate = new();
    private readonly List<Thread> _threads = [];
    private RunState? _current;
    private int _active = 1;
    private int _sleepers;
    private volatile bool _disposed;

    public WorkerPool(int threads = 1) => SetThreads(threads);

    /// <summary>Workers taking part in runs, the caller included.</summary>
    public int Threads => Volatile.Read(ref _active);

    /// <summary>Sets how many threads (the caller included) take part from the next run on; starts threads as needed.</summary>
    public void SetThreads(int threads)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        threads = Math.Clamp(threads, 1, MaxThreads);
        while (_threads.Count < threads - 1)
        {
            var index = _threads.Count + 1;
            var thread = new Thread(() => Loop(index)) { IsBackground = true, Name = $"tabml-worker-{index}" };
            _threads.Add(thread);
            thread.Start();
        }

        Volatile.Write(ref _active, threads);
    }

    /// <summary>Runs items 0..count−1 and returns when all are done; rethrows the first exception of an item.</summary>
    public void Run(IWorkItems work, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count <= 0)
        {
            return;
        }

        if (Threads == 1 || count == 1)
        {
            for (var i = 0; i < count; i++)
            {
                work.Run(i, 0);
            }

            return;
        }

        var run = new RunState(work, count, Math.Min(Threads, count));
        Interlocked.Exchange(ref _current, run);
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }

        run.Participate(0);
        var spin = default(SpinWait);
        while (Volatile.Read(ref run.Pending) > 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        if (run.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>The same with a delegate (for phases that are not on a hot path).</summary>
    public void Run(int count, Action<int, int> body) => Run(new DelegateItems(body), count);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Loop(int index)
    {
        RunState? seen = null;
        while (true)
        {
            var run = WaitForRun(seen);
            if (run is null)
            {
                return;
            }

            seen = run;
            if (index < Volatile.Read(ref _active))
            {
                run.Participate(index);
            }
        }
    }

    /// <summary>Spins, then sleeps, until a run other than <paramref name="seen"/> is published; null on dispose.</summary>
    private RunState? WaitForRun(RunState? seen)
    {
        var spin = default(SpinWait);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!_disposed)
        {
            var run = Volatile.Read(ref _current);
            if (run != seen)
            {
                return run;
            }

            if (System.Diagnostics.Stopwatch.GetTimestamp() - start < SpinTicks)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            lock (_gate)
            {
                Interlocked.Increment(ref _sleepers);
                while (!_disposed && Volatile.Read(ref _current) == seen)
                {
                    Monitor.Wait(_gate);
                }

                Interlocked.Decrement(ref _sleepers);
            }
        }

        return null;
    }

    /// <summary>One run's items: stale workers holding an older run find its items all taken.</summary>
    private sealed class RunState
    {
        public int Pending;
        private readonly IWorkItems _work;
        private readonly int _count;
        private readonly int _ranges;
        private readonly RangeCursor[] _next;
        private Exception? _error;

        public RunState(IWorkItems work, int count, int ranges)
        {
            _work = work;
            _count = count;
            _ranges = ranges;
            _next = new RangeCursor[ranges];
            for (var r = 0; r < ranges; r++)
            {
                _next[r].Next = Start(r);
            }

            Pending = count;
        }

        public Exception? Error => Volatile.Read(ref _error);

        public void Participate(int worker)
        {
            var own = worker % _ranges;
            for (var k = 0; k < _ranges; k++)
            {
                var range = (own + k) % _ranges;
                var end = Start(range + 1);
                while (true)
                {
                    var item = Interlocked.Increment(ref _next[range].Next) - 1;
                    if (item >= end)
                    {
                        break;
                    }

                    try
                    {
                        _work.Run(item, worker);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref _error, e, null);
                    }

                    Interlocked.Decrement(ref Pending);
                }
            }
        }

        private int Start(int range) => (int)((long)range * _count / _ranges);
    }

    /// <summary>A range's next item, alone on its cache lines so that workers taking items do not contend.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct RangeCursor
    {
        [FieldOffset(64)]
        public int Next;
    }

    private sealed class DelegateItems(Action<int, int> body) : IWorkItems
    {
        public void Run(int item, int worker) => body(item, worker);
    }
}
