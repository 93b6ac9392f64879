using Interop.Runtime.Processes;

namespace Tour.Chapters;

/// <summary>
/// Idea 5 (the lesson's point 69, <c>multiprocessing.Pool.map</c>): work is mapped over worker processes; one task
/// segfaults in C, and only that task fails: the pool reports the signal, replaces the worker and keeps serving.
/// </summary>
internal static class MapOverThePool
{
    public static async Task RunAsync(Narrator narrator)
    {
        narrator.Chapter("Map work over the process pool while one task segfaults alone", "multiprocessing.Pool(2).map(f, tasks)");
        narrator.Say($"Two worker processes (this same program, started with --interop-worker) checksum 4 MiB blocks in C; the task for {PoolTasks.Poison} writes through a NULL pointer.");

        // <snippet:pool>
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { WorkerCount = 2 });
        var workers = pool.WorkerProcessIds;
        await foreach (var outcome in pool.MapUnorderedAsync(PoolTasks.Checksum, [1, 2, 3, 4, 5, 6, 7, 8], chunkSize: 1))
        {
            narrator.Result(outcome.Error switch
            {
                null => $"Task {outcome.Index + 1}: checksum 0x{outcome.Result:X8}",
                WorkerCrashedException crash => $"Task {outcome.Index + 1} failed alone: worker {crash.ProcessId} died of {WorkerCrashedException.SignalName(crash.Signal ?? 0)}",
                var error => $"Task {outcome.Index + 1} failed: {error.Message}",
            });
        }
        // </snippet>

        var again = await pool.SubmitAsync(PoolTasks.Checksum, 9);
        await pool.WaitForFullStrengthAsync(); // the replacement starts off the critical path
        narrator.Result($"The pool replaced the dead worker (workers {string.Join(", ", workers)} became {string.Join(", ", pool.WorkerProcessIds)}) and kept serving: task 9 gave 0x{again:X8}");
    }
}
