using Interop.Runtime.Processes;
using Interop.Testing;

namespace Interop.Runtime.Tests.Processes;

[Collection(WorkerProcessCollection.Name)]
public class NoOrphanTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Dispose_leaves_no_worker_process()
    {
        var pool = await Pools.StartAsync(workers: 3);
        var workers = pool.WorkerProcessIds;
        Assert.Equal(3, workers.Count);

        await pool.DisposeAsync();

        Assert.DoesNotContain(workers, WorkerProcesses.IsRunning);
        Assert.Empty(WorkerProcesses.ChildrenOfThisProcess());
    }

    [Fact]
    public async Task Dispose_kills_a_worker_stuck_in_native_code()
    {
        var pool = await Pools.StartAsync(workers: 1);
        var worker = Assert.Single(pool.WorkerProcessIds);
        var hung = pool.SubmitAsync(PoolTestTasks.SquareOrFault, -4);
        await Task.Delay(100);

        pool.Dispose();

        Assert.False(WorkerProcesses.IsRunning(worker));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => hung);
    }

    [Fact]
    public async Task Workers_exit_when_their_parent_is_SIGKILLed()
    {
        // The "parent" is itself a worker of an outer pool: it starts a pool of its own, publishes the
        // pids of its two workers and blocks. SIGKILL it; its workers must notice and go.
        using var published = SharedArray<int>.Create(3);
        await using var outer = await Pools.StartAsync(workers: 1);
        var parent = Assert.Single(outer.WorkerProcessIds);
        var blocked = outer.SubmitAsync(PoolTestTasks.StartPoolAndBlock, published.Name);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Volatile.Read(ref published[0]) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the inner pool did not start");
            Assert.False(blocked.IsCompleted, blocked.Exception?.ToString());
            await Task.Delay(20);
        }

        int[] grandchildren = [published[1], published[2]];
        Assert.All(grandchildren, pid => Assert.True(WorkerProcesses.IsRunning(pid)));

        System.Diagnostics.Process.GetProcessById(parent).Kill(); // SIGKILL: no chance to clean up

        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => blocked);
        Assert.Equal(9, crash.Signal);
        Assert.Empty(await WorkerProcesses.StillRunningAfterAsync(grandchildren, Patience));
    }

    [Fact]
    public async Task A_worker_refuses_to_become_a_pool_when_its_Main_skips_ProcessWorker_Run()
    {
        // Simulates what a worker would see: the pool endpoint in its environment.
        Environment.SetEnvironmentVariable("INTEROP_POOL_ENDPOINT", "@nowhere");
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessPool.StartAsync(new PoolOptions
            {
                WorkerCount = 1,
                Worker = TestWorkers.For(typeof(PoolTestTasks)),
            }));
        }
        finally
        {
            Environment.SetEnvironmentVariable("INTEROP_POOL_ENDPOINT", null);
        }
    }
}
