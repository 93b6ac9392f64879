using System.Runtime.CompilerServices;
using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class ParallelStageTests
{
    [Fact]
    public async Task Results_keep_source_order_while_work_runs_concurrently()
    {
        var running = 0;
        var mostRunning = 0;
        var results = new List<int>();
        await foreach (var value in Range(50).SelectParallel(async (item, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostRunning, now);
            await Task.Delay(item % 3, token); // later items often finish first
            Interlocked.Decrement(ref running);
            return item * 10;
        }, maxDegreeOfParallelism: 4))
        {
            results.Add(value);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 10), results);
        Assert.InRange(mostRunning, 1, 4);
    }

    [Fact]
    public async Task A_slow_consumer_holds_the_source_back()
    {
        var pulled = 0;
        var consumed = 0;
        var mostAhead = 0;
        await foreach (var _ in Range(40, () => Interlocked.Increment(ref pulled)).SelectParallel((item, _) => ValueTask.FromResult(item), maxDegreeOfParallelism: 2, boundedCapacity: 3))
        {
            await Task.Delay(2);
            consumed++;
            mostAhead = Math.Max(mostAhead, Volatile.Read(ref pulled) - consumed);
        }

        // Bounded by what may be queued (3), running (2) and in the producer's hand (1), never the whole source.
        Assert.Equal(40, consumed);
        Assert.InRange(mostAhead, 0, 3 + 2 + 1);
    }

    [Fact]
    public async Task A_failing_item_surfaces_its_exception_to_the_consumer()
    {
        var stage = Range(10).SelectParallel<int, int>((item, _) =>
            item == 5 ? throw new InvalidOperationException("item 5") : ValueTask.FromResult(item), maxDegreeOfParallelism: 3);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in stage)
            {
            }
        });
        Assert.Equal("item 5", error.Message);
    }

    [Fact]
    public async Task Stopping_early_stops_pulling_from_the_source()
    {
        var pulled = 0;
        await foreach (var item in Range(1_000_000, () => Interlocked.Increment(ref pulled)).SelectParallel((item, _) => ValueTask.FromResult(item), maxDegreeOfParallelism: 2))
        {
            if (item == 3)
            {
                break;
            }
        }

        Assert.InRange(pulled, 4, 20);
    }

    private static async IAsyncEnumerable<int> Range(int count, Action? onPull = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onPull?.Invoke();
            yield return i;
            await Task.Yield();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
