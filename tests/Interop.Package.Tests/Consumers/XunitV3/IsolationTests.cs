using Consumer.Native;
using Interop.Runtime.Processes;
using Interop.Testing;
using Xunit;

public sealed class IsolationTests
{
    [Fact]
    public Task IsolatedBody_PassesInAWorker() =>
        CrashIsolation.RunAsync(static () => Assert.Equal(5, Faults.faults_add(2, 3)));

    [Fact]
    public async Task IsolatedSegfault_FailsThisTestOnly()
    {
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => CrashIsolation.RunAsync(static () => Faults.faults_segfault()));
        Assert.Equal(11, crash.Signal);
    }

    [Fact]
    public async Task DeathTest_SeesTheAbortAndItsMessage()
    {
        var crash = await DeathTest.AssertCrashesAsync(static () => Faults.faults_abort("faults: giving up"), signal: 6, standardErrorContains: "faults: giving up");
        Assert.Equal(6, crash.Signal);
    }

    [Fact]
    public async Task AssertionInTheWorker_FailsWithTheOriginalMessage()
    {
        var failure = await Assert.ThrowsAsync<WorkerTaskException>(() => CrashIsolation.RunAsync(static () => Assert.Equal(4, Faults.faults_add(2, 3))));
        Assert.Contains("Assert.Equal() Failure", failure.Message);
    }
}
