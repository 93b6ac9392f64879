using Interop.Runtime.Processes;

namespace Interop.Runtime.Tests.Processes;

/// <summary>Real native faults in workers, made through the generated bindings of the C core.</summary>
[Collection(WorkerProcessCollection.Name)]
public class WorkerFaultTests
{
    [Fact]
    public async Task A_segfault_fails_only_its_task_and_the_worker_is_replaced()
    {
        await using var pool = await Pools.StartAsync(workers: 2);
        var before = pool.WorkerProcessIds;
        var outcomes = await Collect(pool.MapUnorderedAsync(PoolTestTasks.SquareOrFault, [1, 2, -1, 4, 5], chunkSize: 1));

        var crash = Assert.IsType<WorkerCrashedException>(outcomes[2].Error);
        Assert.Equal(11, crash.Signal);
        Assert.Equal("square-or-fault", crash.TaskName);
        Assert.Contains(crash.ProcessId, before);
        Assert.Equal([1, 4, 16, 25], outcomes.Where(o => o.Succeeded).Select(o => o.Result));

        Assert.Equal(4, await pool.SubmitAsync(PoolTestTasks.SquareOrFault, 2));
        Assert.DoesNotContain(crash.ProcessId, pool.WorkerProcessIds);
        // The replacement starts in the background; give it time on a loaded machine.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (pool.WorkerProcessIds.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(2, pool.WorkerProcessIds.Count);
    }

    [Fact]
    public async Task Abort_reports_SIGABRT()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.SubmitAsync(PoolTestTasks.SquareOrFault, -2));
        Assert.Equal(6, crash.Signal);
        Assert.Contains("SIGABRT", crash.Message);
    }

    [Fact]
    public async Task Exit_from_native_code_reports_the_exit_code()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.SubmitAsync(PoolTestTasks.SquareOrFault, -3));
        Assert.Equal(3, crash.ExitCode);
        Assert.Null(crash.Signal);
    }

    [Fact]
    public async Task A_managed_exception_fails_its_task_and_the_worker_lives_on()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        var worker = Assert.Single(pool.WorkerProcessIds);
        var failure = await Assert.ThrowsAsync<WorkerTaskException>(() => pool.SubmitAsync(PoolTestTasks.SquareOrFault, -5));

        Assert.Equal(typeof(InvalidOperationException).FullName, failure.RemoteType);
        Assert.Contains("bad input -5", failure.Message);
        Assert.Equal(worker, failure.ProcessId);
        Assert.Equal([worker], pool.WorkerProcessIds);
    }

    [Fact]
    public async Task A_hung_task_is_killed_at_its_timeout_and_the_others_complete()
    {
        await using var pool = await Pools.StartAsync(workers: 2, taskTimeout: TimeSpan.FromMilliseconds(300));
        var outcomes = await Collect(pool.MapUnorderedAsync(PoolTestTasks.SquareOrFault, [3, -4, 5, 6], chunkSize: 1));

        Assert.IsType<TimeoutException>(outcomes[1].Error);
        Assert.Equal([9, 25, 36], outcomes.Where(o => o.Succeeded).Select(o => o.Result));
    }

    [Fact]
    public async Task A_crash_inside_a_chunk_is_pinned_on_the_task_that_crashed()
    {
        await using var pool = await Pools.StartAsync(workers: 2);
        var inputs = Enumerable.Range(1, 40).Select(i => i == 17 ? -1 : i).ToArray();
        var outcomes = await Collect(pool.MapUnorderedAsync(PoolTestTasks.SquareOrFault, inputs, chunkSize: 10));

        Assert.Equal([16], outcomes.Where(o => !o.Succeeded).Select(o => o.Index));
        Assert.IsType<WorkerCrashedException>(outcomes[16].Error);
        Assert.All(outcomes.Where(o => o.Succeeded), o => Assert.Equal(inputs[o.Index] * inputs[o.Index], o.Result));
    }

    [Fact]
    public async Task Map_throws_the_first_failure_after_every_task_settled_naming_its_index_and_argument()
    {
        await using var pool = await Pools.StartAsync(workers: 2);
        var failure = await Assert.ThrowsAsync<MapItemFailedException>(() => pool.MapAsync(PoolTestTasks.SquareOrFault, [1, -2, 3, -1], chunkSize: 1));
        Assert.Equal(1, failure.Index);
        Assert.Equal("-2", failure.Argument);
        Assert.Contains("item 1 (argument: -2)", failure.Message);
        Assert.Equal(6, Assert.IsType<WorkerCrashedException>(failure.InnerException).Signal);
    }

    [Fact]
    public async Task The_retry_policy_reruns_a_crashed_task_on_a_fresh_worker()
    {
        using var runs = SharedValue<int>.Create();
        await using var pool = await Pools.StartAsync(workers: 1, retry: new RetryPolicy { MaxAttempts = 2 });
        Assert.Equal(7, await pool.SubmitAsync(PoolTestTasks.CrashOnce, runs.Name));
        Assert.Equal(2, runs.Value);
    }

    [Fact]
    public async Task Without_a_retry_policy_a_crashed_task_runs_once()
    {
        using var runs = SharedValue<int>.Create();
        await using var pool = await Pools.StartAsync(workers: 1);
        await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.SubmitAsync(PoolTestTasks.CrashOnce, runs.Name));
        Assert.Equal(1, runs.Value);
    }

    [Fact]
    public async Task A_crash_exception_carries_the_workers_last_stderr_lines()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        _ = await pool.SubmitAsync(PoolTestTasks.Echo, "before the crash");
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.SubmitAsync(PoolTestTasks.SquareOrFault, -2));
        Assert.Contains("stderr noise before the crash", crash.StandardErrorTail);
    }

    internal static async Task<TaskOutcome<TResult>[]> Collect<TResult>(IAsyncEnumerable<TaskOutcome<TResult>> outcomes)
    {
        var all = new List<TaskOutcome<TResult>>();
        await foreach (var outcome in outcomes)
        {
            all.Add(outcome);
        }

        Assert.Equal(Enumerable.Range(0, all.Count), all.Select(o => o.Index).Order()); // each exactly once
        return [.. all.OrderBy(o => o.Index)];
    }
}
