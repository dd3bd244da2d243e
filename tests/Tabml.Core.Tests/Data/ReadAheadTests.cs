using Tabml.Data;

namespace Tabml.Core.Tests.Data;

public sealed class ReadAheadTests
{
    [Fact]
    public void Items_arrive_in_order()
    {
        Assert.Equal(Enumerable.Range(0, 1000), ReadAhead.Enumerate(Enumerable.Range(0, 1000), capacity: 3));
    }

    [Fact]
    public void A_failing_source_delivers_its_items_then_its_exception()
    {
        static IEnumerable<int> Source()
        {
            yield return 1;
            yield return 2;
            throw new InvalidDataException("line 3 is bad");
        }

        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Enumerate(Source()))
            {
                seen.Add(item);
            }
        });

        Assert.Equal([1, 2], seen);
        Assert.Equal("line 3 is bad", error.Message);
    }

    [Fact]
    public void A_consumer_that_stops_early_stops_the_source()
    {
        var produced = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        var first = ReadAhead.Enumerate(Source(), capacity: 2).Take(5).ToList();

        Assert.Equal([0, 1, 2, 3, 4], first);
        Assert.InRange(Volatile.Read(ref produced), 5, 5 + 2 + 1);
    }
}
