namespace Interop.Runtime.Tests.Processes;

/// <summary>
/// What a starting worker loads: every replacement (recycling, crashes) pays for it, so the worker's path from
/// <c>ProcessWorker.Run</c> to its first task stays off the heavy assemblies.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public class WorkerStartTests
{
    [Fact]
    public async Task A_linux_worker_serves_tasks_without_loading_sockets_or_process_management()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // elsewhere the worker connects through System.Net.Sockets on purpose
        }

        await using var pool = await Pools.StartAsync(workers: 1);
        var loaded = (await pool.SubmitAsync(PoolTestTasks.LoadedAssemblies, 0)).Split('\n');

        Assert.Contains("Interop.Runtime", loaded);   // the list is real: the worker's own runtime is in it
        Assert.DoesNotContain("System.Net.Sockets", loaded);
        Assert.DoesNotContain("System.Diagnostics.Process", loaded);
        Assert.DoesNotContain("CliWrap", loaded);
    }

    [Fact]
    public async Task Recycled_workers_are_replaced_while_a_map_runs_and_none_exceeds_its_quota()
    {
        // 40 tasks, one per chunk, 4 per worker: at least ten workers serve (two slots share the queue, so the last
        // ones may serve fewer), none more than its quota, and the map completes.
        await using var pool = await Pools.StartAsync(workers: 2, maxTasksPerWorker: 4);
        var pids = await pool.MapAsync(PoolTestTasks.ProcessId, Enumerable.Range(0, 40), chunkSize: 1);

        Assert.True(pids.Distinct().Count() >= 10, $"{pids.Distinct().Count()} workers served 40 tasks");
        Assert.All(pids.GroupBy(p => p), g => Assert.InRange(g.Count(), 1, 4));
    }
}
