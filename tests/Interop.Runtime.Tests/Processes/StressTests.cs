namespace Interop.Runtime.Tests.Processes;

[Collection(WorkerProcessCollection.Name)]
public class StressTests
{
    [Fact]
    public async Task Ten_thousand_tasks_with_one_percent_crashes_and_one_percent_hangs()
    {
        const int count = 10_000;
        // 200 replacements: warm spares keep them off the critical path (and this test's run time modest).
        var pool = await Pools.StartAsync(workers: 2, spares: 2);
        var workersSeen = new HashSet<int>(pool.WorkerProcessIds);
        var outcomes = await WorkerFaultTests.Collect(pool.MapUnorderedAsync(PoolTestTasks.StressSquare, Enumerable.Range(0, count), chunkSize: 1));
        await pool.DisposeAsync();

        Assert.Equal(count, outcomes.Length);
        for (var x = 0; x < count; x++)
        {
            var outcome = outcomes[x];
            if (x % PoolTestTasks.CrashEvery == 13)
            {
                var crash = Assert.IsType<Interop.Runtime.Processes.WorkerCrashedException>(outcome.Error);
                Assert.Equal(11, crash.Signal);
                workersSeen.Add(crash.ProcessId);
            }
            else if (x % PoolTestTasks.HangEvery == 57)
            {
                Assert.IsType<TimeoutException>(outcome.Error);
            }
            else
            {
                Assert.True(outcome.Succeeded, $"task {x}: {outcome.Error}");
                Assert.Equal((long)x * x, outcome.Result);
            }
        }

        Assert.DoesNotContain(workersSeen, WorkerProcesses.IsRunning);
        Assert.Empty(WorkerProcesses.ChildrenOfThisProcess());
    }
}
