using Interop.Runtime.Processes;
using Interop.Testing;

namespace Interop.Runtime.Tests.Processes;

/// <summary>Tests that start worker processes run one class at a time, so process counts are theirs alone.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessCollection
{
    public const string Name = "worker processes";
}

internal static class Pools
{
    public static Task<ProcessPool> StartAsync(int workers = 2, TimeSpan? taskTimeout = null, int maxTasksPerWorker = 0,
        RetryPolicy? retry = null, Action<WorkerOutputLine>? output = null, int? spares = null) =>
        ProcessPool.StartAsync(new PoolOptions
        {
            WorkerCount = workers,
            Worker = TestWorkers.For(typeof(PoolTestTasks)),
            TaskTimeout = taskTimeout ?? Timeout.InfiniteTimeSpan,
            MaxTasksPerWorker = maxTasksPerWorker,
            Retry = retry ?? RetryPolicy.None,
            WorkerOutput = output ?? (static _ => { }),
            SpareWorkers = spares,
        });
}
