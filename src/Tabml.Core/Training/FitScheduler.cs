using Tabml.Learners;

namespace Tabml.Training;

/// <summary>
/// Runs independent fits (member × fold) on a fixed number of threads so that cores follow the work: a fit
/// starts whenever a thread is free (in the given order), each running fit gets an equal share of the
/// threads when it starts, and the threads of a finished fit go to the fits still running through their
/// <see cref="ThreadBudget"/> (RealMLP reads it at every step). Every learner gives the same result for any
/// thread count, so neither the order of finishing nor the shares change any model.
/// </summary>
internal sealed class FitScheduler
{
    private readonly int _threads;
    private readonly Lock _gate = new();
    private readonly List<ThreadBudget> _running = [];

    public FitScheduler(int threads)
    {
        _threads = Math.Max(1, threads);
    }

    /// <summary>
    /// Runs <paramref name="fit"/> for each item; <paramref name="admit"/> is asked (under the scheduler's
    /// lock) just before an item starts and may skip it (returns false). After a failure no further item
    /// starts; the failures are thrown in the items' order, so the first failing item in the list is the one
    /// reported whichever finished first (it always starts: only an earlier item's failure could stop it).
    /// </summary>
    public void Run<T>(IReadOnlyList<T> items, Func<T, bool> admit, Action<T, ThreadBudget> fit, CancellationToken cancellation)
    {
        var next = 0;
        var failures = new List<(int Index, Exception Error)>();
        using var finished = new SemaphoreSlim(0);
        var active = 0;
        while (true)
        {
            lock (_gate)
            {
                // Admit a round of fits first and share the threads, then launch them, so no fit reads a
                // share that the next admission changes.
                var round = new List<(int Index, ThreadBudget Budget)>();
                while (next < items.Count && _running.Count < _threads && failures.Count == 0 && !cancellation.IsCancellationRequested)
                {
                    var index = next++;
                    if (admit(items[index]))
                    {
                        var budget = new ThreadBudget(1);
                        _running.Add(budget);
                        round.Add((index, budget));
                    }
                }

                Rebalance();
                foreach (var (index, budget) in round)
                {
                    active++;
                    _ = Task.Factory.StartNew(() => RunOne(index, items[index], budget, fit, failures, finished), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }

                if (active == 0)
                {
                    break;
                }
            }

            finished.Wait(CancellationToken.None);
            active--;
        }

        if (failures.Count > 0)
        {
            var inOrder = failures.OrderBy(f => f.Index).Select(f => f.Error).ToList();
            throw inOrder.Count == 1 ? inOrder[0] : new AggregateException(inOrder);
        }

        cancellation.ThrowIfCancellationRequested();
    }

    private void RunOne<T>(int index, T item, ThreadBudget budget, Action<T, ThreadBudget> fit, List<(int Index, Exception Error)> failures, SemaphoreSlim finished)
    {
        try
        {
            fit(item, budget);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                failures.Add((index, e));
            }
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(budget);
                Rebalance();
            }

            finished.Release();
        }
    }

    /// <summary>
    /// Splits the threads over the running fits, the remainder to the latest started (the queue is cheapest
    /// first, so those are the long fits that keep following their budget).
    /// </summary>
    private void Rebalance()
    {
        var count = _running.Count;
        if (count == 0)
        {
            return;
        }

        var spare = Math.Max(0, _threads - count);
        for (var i = 0; i < count; i++)
        {
            _running[i].Current = 1 + (spare / count) + (count - 1 - i < spare % count ? 1 : 0);
        }
    }
}
