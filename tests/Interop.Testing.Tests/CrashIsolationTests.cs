using Interop.Runtime.Processes;
using Interop.Testing.Tests.Native;

namespace Interop.Testing.Tests;

public class CrashIsolationTests
{
    [Fact]
    public async Task A_body_that_returns_passes()
    {
        await CrashIsolation.RunAsync(static () => Assert.Equal(30, Core.my_add(10, 20)));
    }

    [Fact]
    public async Task A_segfault_in_native_code_fails_the_test_with_the_signal_instead_of_killing_the_host()
    {
        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(
            () => CrashIsolation.RunAsync(static () => Faults.interop_crash_null_deref()));

        Assert.Equal(11, crash.Signal);
        Assert.Contains("SIGSEGV", crash.Message);
    }

    [Fact]
    public async Task A_failed_assertion_comes_back_with_its_type_and_message()
    {
        var failure = await Assert.ThrowsAsync<WorkerTaskException>(
            () => CrashIsolation.RunAsync(static () => Assert.Equal(31, Core.my_add(10, 20))));

        Assert.Equal("Xunit.Sdk.EqualException", failure.RemoteType);
        Assert.Contains("31", failure.Message);
        Assert.Contains(nameof(A_failed_assertion_comes_back_with_its_type_and_message), failure.RemoteDetail);
    }

    [Fact]
    public async Task An_async_body_runs_to_completion()
    {
        await CrashIsolation.RunAsync(static async () =>
        {
            await Task.Yield();
            Assert.Equal(3, Core.my_add(1, 2));
        });
    }

    [Fact]
    public async Task A_body_that_captures_state_is_rejected_before_anything_runs()
    {
        var captured = 42;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CrashIsolation.RunAsync(() => Assert.Equal(42, captured)));
        Assert.Contains("static lambda", error.Message);
    }

    [Fact]
    public async Task A_hanging_body_fails_with_a_timeout()
    {
        await Assert.ThrowsAsync<TimeoutException>(
            () => CrashIsolation.RunAsync(static () => Faults.interop_spin_forever(), TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_static_method_can_be_the_body()
    {
        await CrashIsolation.RunAsync(WritesToStderrAndPasses);
    }

    private static void WritesToStderrAndPasses() => Console.Error.WriteLine("not part of the protocol");
}
