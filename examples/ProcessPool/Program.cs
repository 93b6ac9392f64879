using Interop.Runtime.Processes;
using ProcessPoolExample;

// Workers are this same program started again with --interop-worker: serve the tasks and nothing else.
if (ProcessWorker.IsWorkerInvocation(args))
{
    return ProcessWorker.Run(DemoTasks.Registry);
}

int[] tasks = [1, 2, 3, 4, 5, 6, 7, 8];

if (args is not ["crash"])
{
    // The lesson's example: eight tasks squared on four workers, results in input order.
    Console.WriteLine("Main: Starting pool...");
    await using (var pool = await ProcessPool.StartAsync(new PoolOptions { WorkerCount = 4 }))
    {
        var results = await pool.MapAsync(DemoTasks.Square, tasks, chunkSize: 1);
        Console.WriteLine("Main: All tasks complete.");
        Console.WriteLine($"Main: Results: [{string.Join(", ", results)}]");
    }

    return 0;
}

// The crash demo: task 5 segfaults in native code; one task fails, the pool replaces the worker, the rest complete.
// MapOrderedAsync is Python's imap: outcomes in input order as they arrive, failures in their place.
Console.WriteLine("Main: Starting pool (task 5 will segfault in C)...");
await using (var pool = await ProcessPool.StartAsync(new PoolOptions { WorkerCount = 4 }))
{
    pool.WorkerEvent += change => Console.WriteLine($"Main: worker {change.ProcessId} {change.Kind.ToString().ToLowerInvariant()}");
    await foreach (var outcome in pool.MapOrderedAsync(DemoTasks.SquareOrSegfault, tasks, chunkSize: 1))
    {
        Console.WriteLine(outcome.Error switch
        {
            null => $"Main: {tasks[outcome.Index]} -> {outcome.Result}",
            WorkerCrashedException crash => $"Main: {tasks[outcome.Index]} failed: worker {crash.ProcessId} died of " +
                $"{WorkerCrashedException.SignalName(crash.Signal ?? 0)}; its last stderr line: \"{crash.StandardErrorTail.LastOrDefault()}\"",
            var error => $"Main: {tasks[outcome.Index]} failed: {error.Message}",
        });
    }

    // The crashed worker is replaced in the background; wait until the pool is back at full strength.
    await pool.WaitForFullStrengthAsync();
    Console.WriteLine($"Main: After the crash, 9 -> {await pool.SubmitAsync(DemoTasks.SquareOrSegfault, 9)} " +
                      $"({pool.WorkerProcessIds.Count} workers, {pool.Counters.Crashed} crash, {pool.Counters.Respawned} respawn)");

    // MapAsync, Python's map, fails as a whole; the exception names the item that failed and its argument.
    try
    {
        await pool.MapAsync(DemoTasks.SquareOrSegfault, tasks, chunkSize: 1);
    }
    catch (MapItemFailedException failure)
    {
        Console.WriteLine($"Main: MapAsync failed on item {failure.Index} (argument {failure.Argument}): {failure.InnerException!.GetType().Name}");
    }
}

return 0;
