using Tabml.Training;

namespace Tabml.Core.Tests.Training;

public sealed class FitSchedulerTests
{
    [Fact]
    public void The_first_failing_item_in_the_list_is_reported_even_when_a_later_one_fails_first()
    {
        using var laterFailed = new ManualResetEventSlim();
        var scheduler = new FitScheduler(2);

        var error = Assert.Throws<AggregateException>(() => scheduler.Run(
            new[] { 0, 1 },
            _ => true,
            (item, _) =>
            {
                if (item == 1)
                {
                    laterFailed.Set();
                    throw new InvalidOperationException("item 1");
                }

                // Item 0 fails only after item 1 has failed, so the finishing order is the reverse of the list's.
                Assert.True(laterFailed.Wait(TimeSpan.FromSeconds(30)));
                throw new InvalidOperationException("item 0");
            },
            CancellationToken.None));

        Assert.Equal(["item 0", "item 1"], error.InnerExceptions.Select(e => e.Message));
    }

    [Fact]
    public void After_a_failure_no_further_item_starts_and_a_single_failure_is_thrown_as_it_is()
    {
        var started = new List<int>();
        var scheduler = new FitScheduler(1);

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Run(
            new[] { 0, 1, 2 },
            _ => true,
            (item, _) =>
            {
                lock (started)
                {
                    started.Add(item);
                }

                if (item == 1)
                {
                    throw new InvalidOperationException("item 1");
                }
            },
            CancellationToken.None));

        Assert.Equal("item 1", error.Message);
        Assert.Equal([0, 1], started);
    }
}
