using System.Collections.Concurrent;
using Interop.Runtime.Processes;
using Interop.Testing;
using Orleans.TestingHost;

namespace Interop.Cluster.Tests;

/// <summary>One in-process cluster of three silos, each with a one-worker pool, shared by the tests that leave it whole.</summary>
public sealed class ThreeSiloCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestClusters.StartAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The cluster pool over an in-process cluster of three silos: the local pool's semantics, distributed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InProcessClusterTests(ThreeSiloCluster fixture) : IClassFixture<ThreeSiloCluster>
{
    private readonly InProcessTestCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Map_of_100000_tasks_equals_the_local_pool_and_every_silo_ran_chunks()
    {
        var input = Enumerable.Range(-50_000, 100_000).ToArray();
        var reports = new ConcurrentBag<ChunkReport>();
        await using var pool = new ClusterPool(_cluster.Client, new ClusterPoolOptions { ChunkSettled = reports.Add });

        var distributed = await pool.MapAsync(ClusterTasks.Square, input, chunkSize: 500);

        await using var local = await ProcessPool.StartAsync(new PoolOptions { WorkerCount = 1, Worker = TestWorkers.For(typeof(ClusterTasks)) });
        var expected = await local.MapAsync(ClusterTasks.Square, input);
        Assert.Equal(expected, distributed);
        Assert.Equal(200, reports.Count);
        Assert.Equal(input.Length, reports.Sum(r => r.Count));
        Assert.Equal(_cluster.Silos.Select(TestClusters.NodeOf).Order(), reports.Select(r => r.Node).Distinct().Order());
    }

    [Fact]
    public async Task A_segfaulting_task_fails_alone_with_the_local_pools_exceptions()
    {
        await using var pool = new ClusterPool(_cluster.Client);
        int[] input = [1, 2, -1, 3, 4, -5, 5, 6, -4, 7];

        var outcomes = new Dictionary<int, TaskOutcome<int>>();
        await foreach (var outcome in pool.MapUnorderedAsync(ClusterTasks.SquareOrFault, input, chunkSize: 3))
        {
            Assert.True(outcomes.TryAdd(outcome.Index, outcome), $"index {outcome.Index} answered twice");
        }

        Assert.Equal(input.Length, outcomes.Count);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] >= 0)
            {
                Assert.True(outcomes[i].Succeeded, $"task {i} failed: {outcomes[i].Error}");
                Assert.Equal(input[i] * input[i], outcomes[i].Result);
            }
        }

        var crash = Assert.IsType<WorkerCrashedException>(outcomes[2].Error);
        Assert.Equal(11, crash.Signal);
        Assert.Equal("square-or-fault", crash.TaskName);
        Assert.Contains(crash.Node, _cluster.Silos.Select(TestClusters.NodeOf));
        Assert.Contains(crash.Node!, crash.Message);
        Assert.Equal(crash.Node, crash.Data[ClusterPool.NodeKey]);
        var threw = Assert.IsType<WorkerTaskException>(outcomes[5].Error);
        Assert.Equal(typeof(InvalidOperationException).FullName, threw.RemoteType);
        Assert.Contains("bad input -5", threw.Message);
        Assert.Contains(threw.Node, _cluster.Silos.Select(TestClusters.NodeOf));
        var timedOut = Assert.IsType<TimeoutException>(outcomes[8].Error);
        Assert.Contains("timeout of 3000 ms", timedOut.Message);
        Assert.Contains("on node", timedOut.Message);

        // MapAsync reports the first failure (index 2), after everything settled.
        await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.MapAsync(ClusterTasks.SquareOrFault, input, chunkSize: 3));
        Assert.Equal(49, await pool.SubmitAsync(ClusterTasks.SquareOrFault, 7));
    }

    [Fact]
    public async Task An_empty_sequence_maps_to_nothing()
    {
        await using var pool = new ClusterPool(_cluster.Client);
        Assert.Empty(await pool.MapAsync(ClusterTasks.Square, []));
        Assert.Empty(await pool.MapAsync(ClusterTasks.Square, Lazy(0)));
        await foreach (var outcome in pool.MapUnorderedAsync(ClusterTasks.Square, Lazy(0)))
        {
            Assert.Fail($"unexpected outcome {outcome}");
        }
    }

    [Fact]
    public async Task A_lazy_sequence_is_read_only_as_fast_as_chunks_settle()
    {
        var read = 0;
        IEnumerable<int> Counted()
        {
            for (var i = 0; i < 200_000; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }

        await using var pool = new ClusterPool(_cluster.Client, new ClusterPoolOptions { MaxChunksInFlight = 4 });
        var seen = 0L;
        var maxAhead = 0;
        await foreach (var outcome in pool.MapUnorderedAsync(ClusterTasks.Square, Counted(), chunkSize: 1_000))
        {
            Assert.True(outcome.Succeeded);
            seen++;
            maxAhead = Math.Max(maxAhead, (int)(Volatile.Read(ref read) - seen));
        }

        Assert.Equal(200_000, seen);
        // Never more than the in-flight bound (4 chunks) plus the chunk being consumed ahead of the consumer.
        Assert.InRange(maxAhead, 1, 5 * 1_000);
    }

    [Fact]
    public async Task The_ordered_map_yields_in_input_order_with_a_bounded_read_ahead()
    {
        var read = 0;
        IEnumerable<int> Counted()
        {
            for (var i = 0; i < 20_000; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }

        await using var pool = new ClusterPool(_cluster.Client, new ClusterPoolOptions { MaxChunksInFlight = 6 });
        var expected = 0;
        var maxAhead = 0;
        await foreach (var outcome in pool.MapOrderedAsync(ClusterTasks.Square, Counted(), chunkSize: 100))
        {
            Assert.Equal(expected, outcome.Index);
            Assert.Equal((long)expected * expected, outcome.Result);
            expected++;
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref read) - expected);
        }

        Assert.Equal(20_000, expected);
        // In flight plus held for order never exceed the bound of 6 chunks (and the one being yielded).
        Assert.InRange(maxAhead, 1, 7 * 100);
    }

    [Fact]
    public async Task Cancellation_stops_running_and_queued_chunks_and_answers_every_index()
    {
        using var barrier = new Barrier();
        await using var pool = new ClusterPool(_cluster.Client, new ClusterPoolOptions { MaxChunksInFlight = 60 });
        using var cancel = new CancellationTokenSource();
        var workersBySilo = _cluster.Silos.Select(s => TestClusters.PoolOf(s).WorkerProcessIds.ToHashSet()).ToList();

        var outcomes = new List<TaskOutcome<int>>();
        var consuming = Task.Run(async () =>
        {
            await foreach (var outcome in pool.MapUnorderedAsync(ClusterTasks.AtBarrier, barrier.Arguments(200), chunkSize: 1, cancel.Token))
            {
                outcomes.Add(outcome);
            }
        });
        // Running tasks on every silo and queued ones behind them are what cancellation must stop.
        await barrier.WaitUntilAsync(arrived => workersBySilo.All(arrived.Overlaps), "a task running on every silo");
        await cancel.CancelAsync();
        await consuming;

        Assert.Equal(200, outcomes.Count);
        Assert.Equal(Enumerable.Range(0, 200), outcomes.Select(o => o.Index).Order());
        Assert.All(outcomes, o => Assert.IsType<OperationCanceledException>(o.Error));

        // The silos' pools killed the workers that ran the cancelled tasks and serve again.
        barrier.Release();
        Assert.Equal(Enumerable.Range(0, 30).Select(x => (long)x * x), await pool.MapAsync(ClusterTasks.Square, Enumerable.Range(0, 30)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.MapAsync(ClusterTasks.Square, [1, 2, 3], cancellationToken: cancel.Token));
    }

    private static IEnumerable<int> Lazy(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
