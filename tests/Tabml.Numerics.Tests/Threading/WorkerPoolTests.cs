using Tabml.Numerics.Threading;

namespace Tabml.Numerics.Tests.Threading;

public sealed class WorkerPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Every_item_runs_exactly_once_per_run_for_any_thread_count(int threads)
    {
        using var pool = new WorkerPool(threads);
        for (var run = 0; run < 200; run++)
        {
            var counts = new int[1 + (run % 37)];
            pool.Run(counts.Length, (item, _) => Interlocked.Increment(ref counts[item]));
            Assert.All(counts, c => Assert.Equal(1, c));
        }
    }

    [Fact]
    public void Workers_take_part_and_the_thread_count_can_change_between_runs()
    {
        using var pool = new WorkerPool(1);
        var workers = new HashSet<int>();
        pool.Run(64, (_, worker) => { lock (workers) { workers.Add(worker); } });
        Assert.Equal([0], workers);

        pool.SetThreads(3);
        pool.Run(3000, (_, worker) =>
        {
            lock (workers)
            {
                workers.Add(worker);
            }

            Thread.SpinWait(2000);
        });

        Assert.True(workers.Count > 1, "no pool thread ran an item");
        Assert.All(workers, w => Assert.InRange(w, 0, 2));
    }

    [Fact]
    public void Each_worker_takes_its_own_contiguous_range_in_order_before_any_other()
    {
        // 2 workers, 20 items: worker 0 owns items 0–9, worker 1 owns 10–19. A late worker finds its range
        // partly taken, but in its own sequence no item of its range comes after an item of another range.
        using var pool = new WorkerPool(2);
        for (var run = 0; run < 20; run++)
        {
            var taken = new[] { new List<int>(), new List<int>() };
            pool.Run(20, (item, worker) =>
            {
                taken[worker].Add(item);
                Thread.SpinWait(2000);
            });

            for (var worker = 0; worker < 2; worker++)
            {
                var mine = taken[worker].TakeWhile(i => i / 10 == worker).ToList();
                Assert.DoesNotContain(taken[worker].Skip(mine.Count), i => i / 10 == worker);
                Assert.Equal(mine.Order(), mine);
            }

            Assert.Equal(Enumerable.Range(0, 20), taken.SelectMany(t => t).Order());
        }
    }

    [Fact]
    public void An_items_exception_reaches_the_caller_after_the_run()
    {
        using var pool = new WorkerPool(2);
        var done = 0;

        var error = Assert.Throws<InvalidOperationException>(() => pool.Run(50, (item, _) =>
        {
            Interlocked.Increment(ref done);
            if (item == 17)
            {
                throw new InvalidOperationException("item 17");
            }
        }));

        Assert.Equal("item 17", error.Message);
        Assert.Equal(50, done);
        pool.Run(3, (_, _) => { });
    }
}
