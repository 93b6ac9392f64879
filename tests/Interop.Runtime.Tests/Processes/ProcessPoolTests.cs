using System.Collections.Concurrent;
using Interop.Runtime.Processes;

namespace Interop.Runtime.Tests.Processes;

[Collection(WorkerProcessCollection.Name)]
public class ProcessPoolTests
{
    [Fact]
    public async Task Map_returns_the_results_in_input_order()
    {
        await using var pool = await Pools.StartAsync();
        var results = await pool.MapAsync(PoolTestTasks.Square, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal([1, 4, 9, 16, 25, 36, 49, 64], results);
    }

    [Fact]
    public async Task Map_of_nothing_returns_nothing()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        Assert.Empty(await pool.MapAsync(PoolTestTasks.Square, []));
    }

    [Fact]
    public async Task Chunked_map_of_many_tiny_tasks_keeps_every_result_in_place()
    {
        await using var pool = await Pools.StartAsync();
        var inputs = Enumerable.Range(0, 20_000).Select(i => i % 40_000).ToArray();
        var results = await pool.MapAsync(PoolTestTasks.Square, inputs, chunkSize: 500);
        Assert.Equal(inputs.Select(x => x * x), results);
    }

    // Blittable arguments are encoded in one pass whose shape depends on the collection: each must keep order and values.
    [Theory]
    [InlineData("array")]
    [InlineData("list")]
    [InlineData("collection")]
    [InlineData("lazy sequence")]
    [InlineData("empty lazy sequence")]
    public async Task Map_encodes_struct_arguments_from_every_kind_of_sequence(string shape)
    {
        await using var pool = await Pools.StartAsync();
        var count = shape.StartsWith("empty", StringComparison.Ordinal) ? 0 : 5_003; // odd, so chunks end unevenly
        var pairs = Enumerable.Range(0, count).Select(i => (X: i % 97, Y: (long)i * 3 + 1)).ToArray();
        IEnumerable<(int X, long Y)> arguments = shape switch
        {
            "array" => pairs,
            "list" => pairs.ToList(),
            "collection" => new LinkedList<(int X, long Y)>(pairs),
            _ => Lazy(pairs),
        };

        var results = await pool.MapAsync(PoolTestTasks.Combine, arguments, chunkSize: 250);

        Assert.Equal(pairs.Select(p => p.X * 1_000_000L + p.Y), results);

        static IEnumerable<(int X, long Y)> Lazy((int X, long Y)[] items)
        {
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    [Fact]
    public async Task Submit_runs_one_task_in_a_worker_process()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        var pid = await pool.SubmitAsync(PoolTestTasks.ProcessId, 0);
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Equal([pid], pool.WorkerProcessIds);
    }

    [Fact]
    public async Task Tasks_are_spread_over_all_workers()
    {
        await using var pool = await Pools.StartAsync(workers: 2);
        var pids = await pool.MapAsync(PoolTestTasks.SlowProcessId, Enumerable.Range(0, 8), chunkSize: 1);
        Assert.Equal(pool.WorkerProcessIds.Order(), pids.Distinct().Order());
    }

    [Fact]
    public async Task Unordered_map_yields_every_outcome_once_with_its_index()
    {
        await using var pool = await Pools.StartAsync();
        var seen = new List<TaskOutcome<int>>();
        await foreach (var outcome in pool.MapUnorderedAsync(PoolTestTasks.Square, Enumerable.Range(0, 1000), chunkSize: 7))
        {
            seen.Add(outcome);
        }

        Assert.Equal(Enumerable.Range(0, 1000), seen.Select(o => o.Index).Order());
        Assert.All(seen, o => Assert.Equal(o.Index * o.Index, o.Result));
    }

    [Fact]
    public async Task Workers_are_recycled_after_their_task_quota()
    {
        await using var pool = await Pools.StartAsync(workers: 1, maxTasksPerWorker: 2);
        var pids = await pool.MapAsync(PoolTestTasks.ProcessId, Enumerable.Range(0, 6), chunkSize: 1);
        Assert.Equal(3, pids.Distinct().Count());
        Assert.All(pids.GroupBy(p => p), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Worker_stdout_and_stderr_are_captured_and_never_corrupt_results()
    {
        var lines = new ConcurrentQueue<WorkerOutputLine>();
        await using var pool = await Pools.StartAsync(output: lines.Enqueue);
        var results = await pool.MapAsync(PoolTestTasks.Echo, ["a", "b", "c"], chunkSize: 1);
        Assert.Equal(["A", "B", "C"], results);

        await pool.ShutdownAsync(); // stdout pipes are drained once the workers have exited
        Assert.Contains(lines, l => !l.IsStandardError && l.Text == "stdout noise b");
        Assert.Contains(lines, l => l.IsStandardError && l.Text == "stderr noise c");
    }

    [Fact]
    public async Task Graceful_shutdown_finishes_queued_work_then_refuses_more()
    {
        var pool = await Pools.StartAsync(workers: 1);
        var pending = pool.MapAsync(PoolTestTasks.SlowProcessId, Enumerable.Range(0, 4), chunkSize: 1);
        await pool.ShutdownAsync();

        Assert.Equal(4, (await pending).Length);
        Assert.Throws<ObjectDisposedException>(() => { _ = pool.MapAsync(PoolTestTasks.Square, [1]); });
        await pool.DisposeAsync();
    }

    [Fact]
    public async Task Forced_shutdown_fails_unfinished_tasks()
    {
        var pool = await Pools.StartAsync(workers: 1);
        var pending = pool.MapAsync(PoolTestTasks.SquareOrFault, [-4, 2, 3], chunkSize: 1);
        await pool.KillAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending);
    }

    [Fact]
    public async Task Cancellation_fails_the_call_and_the_pool_keeps_working()
    {
        await using var pool = await Pools.StartAsync(workers: 1);
        using var cancel = new CancellationTokenSource();
        var hung = pool.SubmitAsync(PoolTestTasks.SquareOrFault, -4, cancel.Token);
        await Task.Delay(200);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hung);
        Assert.Equal(81, await pool.SubmitAsync(PoolTestTasks.SquareOrFault, 9));
    }

    [Fact]
    public async Task A_pool_refuses_to_start_when_the_worker_never_connects()
    {
        var options = new PoolOptions
        {
            WorkerCount = 1,
            Worker = WorkerCommand.Executable("/bin/sh", "-c", "echo not a worker >&2; exit 5", "sh"),
            WorkerOutput = static _ => { },
        };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessPool.StartAsync(options));
        Assert.Contains("exited with code 5", error.Message);
        Assert.Contains("not a worker", error.Message);
    }
}
