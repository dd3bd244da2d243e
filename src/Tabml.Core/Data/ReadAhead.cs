using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Tabml.Data;

/// <summary>
/// Enumerates a sequence on a background thread, at most <c>capacity</c> items ahead of the consumer, so
/// reading the next chunk of a file overlaps with predicting the current one. Items arrive in order; an
/// exception of the source is rethrown to the consumer at the point where the source failed; a consumer
/// that stops early stops the source.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Enumerate<T>(IEnumerable<T> source, int capacity = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return Consume(source, capacity);
    }

    private static IEnumerable<T> Consume<T>(IEnumerable<T> source, int capacity)
    {
        using var queue = new BlockingCollection<T>(capacity);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var item in source)
                    {
                        queue.Add(item, stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The consumer stopped early.
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var item in queue.GetConsumingEnumerable())
            {
                yield return item;
            }

            producer.Wait();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Wait();
        }
    }
}
