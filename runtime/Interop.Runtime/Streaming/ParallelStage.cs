using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Interop.Runtime.Streaming;

/// <summary>
/// A pipeline stage that runs its work on several threads and still pulls lazily: items are taken from
/// the source only when a worker is free and the bounded output buffer has room, so a slow consumer
/// slows the source down (back-pressure) instead of letting memory grow.
/// </summary>
public static class ParallelStage
{
    /// <summary>
    /// Applies <paramref name="selector"/> to each item on up to <paramref name="maxDegreeOfParallelism"/> workers,
    /// yielding results in source order. At most <paramref name="maxDegreeOfParallelism"/> items are being
    /// processed and at most <paramref name="boundedCapacity"/> results wait for the consumer at any time.
    /// </summary>
    /// <param name="source">The upstream stage; enumerated once, from one thread.</param>
    /// <param name="selector">The work for one item; runs on the thread pool.</param>
    /// <param name="maxDegreeOfParallelism">Most items in work at once.</param>
    /// <param name="boundedCapacity">Most finished or running items queued for the consumer; <paramref name="maxDegreeOfParallelism"/> when null.</param>
    public static IAsyncEnumerable<TResult> SelectParallel<TSource, TResult>(
        this IAsyncEnumerable<TSource> source,
        Func<TSource, CancellationToken, ValueTask<TResult>> selector,
        int maxDegreeOfParallelism,
        int? boundedCapacity = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDegreeOfParallelism);
        var capacity = boundedCapacity ?? maxDegreeOfParallelism;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity, nameof(boundedCapacity));
        return Iterate(source, selector, maxDegreeOfParallelism, capacity);
    }

    private static async IAsyncEnumerable<TResult> Iterate<TSource, TResult>(
        IAsyncEnumerable<TSource> source,
        Func<TSource, CancellationToken, ValueTask<TResult>> selector,
        int maxDegreeOfParallelism,
        int capacity,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(maxDegreeOfParallelism);
        // Tasks, not results, go through the channel: that keeps source order while they run concurrently.
        var pending = Channel.CreateBounded<Task<TResult>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    var task = RunAsync(item);
                    try
                    {
                        await pending.Writer.WriteAsync(task, stop.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        throw;
                    }
                }

                pending.Writer.Complete();
            }
            catch (Exception e)
            {
                pending.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var task in pending.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                yield return await task.ConfigureAwait(false);
            }
        }
        finally
        {
            // The consumer stopped early or failed: stop pulling, and let running work finish before disposing.
            stop.Cancel();
            await producer.ConfigureAwait(false);
            while (pending.Reader.TryRead(out var task))
            {
                await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        async Task<TResult> RunAsync(TSource item)
        {
            try
            {
                await Task.Yield(); // leave the producer's thread at once
                return await selector(item, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
