using Interop.Runtime.Processes;

namespace Interop.Runtime.Tests.Processes;

/// <summary>
/// <see cref="ProcessPool.MapOrderedAsync"/>, the counterpart of Python's <c>imap</c>: results in input order as
/// they become available. Python's <c>imap</c> reads its whole input ahead in a thread; ours must not.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public class OrderedStreamingMapTests
{
    [Fact]
    public async Task Outcomes_arrive_in_input_order_with_failures_in_their_place()
    {
        await using var pool = await Pools.StartAsync(workers: 2);
        var inputs = Enumerable.Range(0, 2_000).Select(i => i == 777 ? -5 : i).ToArray();
        var seen = new List<TaskOutcome<int>>();
        await foreach (var outcome in pool.MapOrderedAsync(PoolTestTasks.SquareOrFault, inputs, chunkSize: 7))
        {
            seen.Add(outcome);
        }

        Assert.Equal(Enumerable.Range(0, inputs.Length), seen.Select(o => o.Index)); // in order, each once
        Assert.Contains("bad input -5", Assert.IsType<WorkerTaskException>(seen[777].Error).Message);
        Assert.All(seen.Where(o => o.Index != 777), o => Assert.Equal(inputs[o.Index] * inputs[o.Index], o.Result));
    }

    [Fact]
    public async Task A_lazy_input_of_ten_million_items_is_read_only_a_bounded_window_ahead()
    {
        const int count = 10_000_000;
        const int chunkSize = 25_000;
        await using var pool = await Pools.StartAsync(workers: 2);
        long pulled = 0, consumed = 0, widest = 0, sum = 0;

        IEnumerable<int> Lazy()
        {
            for (var i = 0; i < count; i++)
            {
                pulled++;
                yield return i % 1000;
            }
        }

        await foreach (var outcome in pool.MapOrderedAsync(PoolTestTasks.Square, Lazy(), chunkSize))
        {
            Assert.True(outcome.Succeeded);
            Assert.Equal(consumed, outcome.Index);
            sum += outcome.Result;
            consumed++;
            widest = Math.Max(widest, pulled - consumed);
        }

        Assert.Equal(count, consumed);
        Assert.Equal(count / 1000 * Enumerable.Range(0, 1000).Sum(i => (long)i * i), sum);
        // At most two chunks per worker in flight plus the one being read: memory stays bounded by the window,
        // not by the input (reading ahead like MapAsync, or like Python's imap, would make this 10 million).
        Assert.InRange(widest, 1, (2 * pool.WorkerCount + 1) * chunkSize);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_chunks_in_flight_and_the_pool_carries_on()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        var taken = 0;
        await foreach (var outcome in pool.MapOrderedAsync(PoolTestTasks.SquareOrFault, Enumerable.Repeat(-4, 10).Prepend(2), chunkSize: 1))
        {
            Assert.Equal(4, outcome.Result);
            taken++;
            break; // the next chunk spins forever: leaving must not wait for it
        }

        Assert.Equal(1, taken);
        Assert.Equal(81, await pool.SubmitAsync(PoolTestTasks.SquareOrFault, 9).WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task An_empty_input_yields_nothing()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        await foreach (var _ in pool.MapOrderedAsync(PoolTestTasks.Square, Enumerable.Empty<int>()))
        {
            Assert.Fail("no outcome expected");
        }
    }
}
