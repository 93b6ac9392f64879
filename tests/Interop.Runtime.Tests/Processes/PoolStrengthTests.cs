using System.Collections.Concurrent;
using Interop.Runtime.Processes;

namespace Interop.Runtime.Tests.Processes;

/// <summary>Observing the pool's workers: waiting for full strength, events and counters, warm spares.</summary>
[Collection(WorkerProcessCollection.Name)]
public class PoolStrengthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_crash_the_pool_can_be_awaited_back_to_full_strength_and_reports_what_happened()
    {
        var events = new ConcurrentQueue<PoolEvent>();
        await using var pool = await Pools.StartAsync(workers: 2);
        pool.WorkerEvent += events.Enqueue;
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.SubmitAsync(PoolTestTasks.SquareOrFault, -1));

        await pool.WaitForFullStrengthAsync().WaitAsync(Patience);

        Assert.Equal(2, pool.WorkerProcessIds.Count);
        Assert.DoesNotContain(crash.ProcessId, pool.WorkerProcessIds);
        var crashed = Assert.Single(events, e => e.Kind == PoolEventKind.Crashed);
        Assert.Equal(crash.ProcessId, crashed.ProcessId);
        Assert.Equal(11, crashed.Error?.Signal);
        Assert.Contains(events, e => e.Kind == PoolEventKind.Started && pool.WorkerProcessIds.Contains(e.ProcessId));
        Assert.Equal(new PoolCounters(Started: 3, Respawned: 1, Crashed: 1, Killed: 0, Recycled: 0), pool.Counters);
    }

    [Fact]
    public async Task A_timed_out_worker_counts_as_killed()
    {
        await using var pool = await Pools.StartAsync(workers: 1, taskTimeout: TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAsync<TimeoutException>(() => pool.SubmitAsync(PoolTestTasks.SquareOrFault, -4));
        await pool.WaitForFullStrengthAsync().WaitAsync(Patience);
        Assert.Equal(1, pool.Counters.Killed);
        Assert.Equal(0, pool.Counters.Crashed);
    }

    [Fact]
    public async Task Recycling_keeps_warm_spares_started_ahead_of_need_and_counts_each_recycle()
    {
        // A worker of an earlier test's pool may still be exiting: it must not be taken for the spare.
        await WaitUntil(() => WorkerProcesses.ChildrenOfThisProcess().Count == 0);
        await using var pool = await Pools.StartAsync(workers: 1, maxTasksPerWorker: 2);
        // One worker serving plus one spare, connected before any work arrives.
        await WaitUntil(() => WorkerProcesses.ChildrenOfThisProcess().Count == 2);
        var spare = WorkerProcesses.ChildrenOfThisProcess().Except(pool.WorkerProcessIds).Single();

        var pids = await pool.MapAsync(PoolTestTasks.ProcessId, Enumerable.Range(0, 6), chunkSize: 1);

        Assert.Equal(3, pids.Distinct().Count());
        Assert.Equal(spare, pids[2]); // the first replacement was the spare started at the beginning
        await WaitUntil(() => pool.Counters.Recycled == 3);
    }

    [Fact]
    public async Task Waiting_for_strength_on_a_pool_that_shut_down_fails_instead_of_hanging()
    {
        var pool = await Pools.StartAsync(workers: 1);
        await pool.KillAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.WaitForFullStrengthAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_pool_started_inside_a_test_runner_without_TestWorkers_says_what_to_do()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessPool.StartAsync(new PoolOptions { WorkerCount = 1 }));
        Assert.Contains("TestWorkers.For(typeof(", error.Message);
        Assert.Contains("TaskRegistry", error.Message);
        Assert.Empty(WorkerProcesses.ChildrenOfThisProcess());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
