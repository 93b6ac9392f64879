using System.Collections.Concurrent;
using Orleans.TestingHost;
using Interop.Runtime.Processes;

namespace Interop.Cluster.Tests;

/// <summary>Silos that die or join mid-map, deterministically: tasks hold at a barrier until chunks run where the test needs them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeLossTests
{
    [Fact]
    public async Task A_silo_killed_mid_map_loses_nothing_and_its_chunks_rerun_elsewhere()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        using var barrier = new Barrier();
        var reports = new ConcurrentBag<ChunkReport>();
        await using var pool = new ClusterPool(cluster.Client, new ClusterPoolOptions { MaxChunksInFlight = 24, ChunkSettled = reports.Add });
        var siloOfWorker = cluster.Silos.SelectMany(s => TestClusters.PoolOf(s).WorkerProcessIds.Select(w => (Worker: w, Silo: s)))
            .ToDictionary(p => p.Worker, p => p.Silo);
        IEnumerable<InProcessSiloHandle> Running(IReadOnlySet<int> arrived) => arrived.Where(siloOfWorker.ContainsKey).Select(w => siloOfWorker[w]).Distinct();

        var outcomes = new ConcurrentDictionary<int, TaskOutcome<int>>();
        var duplicates = 0;
        var consuming = Task.Run(async () =>
        {
            await foreach (var outcome in pool.MapUnorderedAsync(ClusterTasks.AtBarrier, barrier.Arguments(60), chunkSize: 2))
            {
                if (!outcomes.TryAdd(outcome.Index, outcome))
                {
                    Interlocked.Increment(ref duplicates);
                }
            }
        });
        // The coordinator spreads chunks over the silos by its own count of chunks in flight, so every silo runs one.
        await barrier.WaitUntilAsync(arrived => Running(arrived).Count() == cluster.Silos.Count, "chunks running on every silo");
        var victim = cluster.Silos[^1]; // not the first: it holds the test cluster's membership
        var victimNode = TestClusters.NodeOf(victim);
        var victimWorkers = TestClusters.PoolOf(victim).WorkerProcessIds;
        await cluster.KillSiloAsync(victim);
        barrier.Release();
        await consuming.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, duplicates);
        Assert.Equal(60, outcomes.Count);
        Assert.All(outcomes, pair =>
        {
            Assert.True(pair.Value.Succeeded, $"task {pair.Key}: {pair.Value.Error}");
            Assert.Equal(pair.Key, pair.Value.Result);
        });
        var rerun = reports.Where(r => r.LostOn.Contains(victimNode)).ToList();
        Assert.NotEmpty(rerun);
        Assert.All(rerun, r => Assert.NotEqual(victimNode, r.Node));
        Assert.Equal(60, reports.Sum(r => r.Count));
        Assert.Empty(await WorkerProcesses.StillRunningAfterAsync(victimWorkers, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_map_whose_last_silo_died_fails_with_a_clear_error()
    {
        var cluster = await TestClusters.StartAsync(2);
        using var barrier = new Barrier();
        await using var pool = new ClusterPool(cluster.Client, new ClusterPoolOptions { MaxChunkAttempts = 4 });
        var everyWorker = cluster.Silos.SelectMany(s => TestClusters.PoolOf(s).WorkerProcessIds).ToHashSet();

        var map = pool.MapAsync(ClusterTasks.AtBarrier, barrier.Arguments(8), chunkSize: 1);
        await barrier.WaitUntilAsync(arrived => arrived.Overlaps(everyWorker), "a chunk running on a silo");
        foreach (var silo in cluster.Silos.Reverse().ToList())
        {
            await cluster.KillSiloAsync(silo);
        }

        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => map.WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("could not run", error.Message);
        Assert.Contains("at-barrier", error.Message);
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_joining_mid_map_takes_work()
    {
        await using var cluster = await TestClusters.StartAsync(2);
        var reports = new ConcurrentBag<ChunkReport>();
        var joined = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = 0;
        await using var pool = new ClusterPool(cluster.Client, new ClusterPoolOptions
        {
            ChunkSettled = report =>
            {
                reports.Add(report);
                if (Interlocked.Increment(ref settled) == 4)
                {
                    _ = Task.Run(async () => joined.SetResult(TestClusters.NodeOf(await cluster.StartAdditionalSiloAsync())));
                }
            },
        });

        var results = await pool.MapAsync(ClusterTasks.SlowSquare, Enumerable.Range(0, 1000), chunkSize: 4);

        Assert.Equal(Enumerable.Range(0, 1000).Select(x => (long)x * x), results);
        var newcomer = await joined.Task;
        Assert.True(reports.Any(r => r.Node == newcomer), $"the newcomer {newcomer} ran no chunk: " +
            string.Join(", ", reports.GroupBy(r => r.Node).Select(g => $"{g.Key}: {g.Count()}")));
    }
}
