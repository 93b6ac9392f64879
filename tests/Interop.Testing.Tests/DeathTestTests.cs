using Interop.Testing.Tests.Native;

namespace Interop.Testing.Tests;

public class DeathTestTests
{
    [Fact]
    public async Task Abort_is_death_by_SIGABRT()
    {
        var crash = await DeathTest.AssertCrashesAsync(static () => Faults.interop_crash_abort(), signal: 6);
        Assert.Equal(128 + 6, crash.ExitCode);
    }

    [Fact]
    public async Task Null_dereference_is_death_by_SIGSEGV()
    {
        await DeathTest.AssertCrashesAsync(static () => Faults.interop_crash_null_deref(), signal: 11);
    }

    [Fact]
    public async Task Exit_from_native_code_reports_its_code()
    {
        var crash = await DeathTest.AssertCrashesAsync(static () => Faults.interop_exit(7), exitCode: 7);
        Assert.Null(crash.Signal);
    }

    [Fact]
    public async Task Stderr_written_before_the_crash_can_be_asserted()
    {
        await DeathTest.AssertCrashesAsync(
            static () =>
            {
                Console.Error.WriteLine("about to abort");
                Faults.interop_crash_abort();
            },
            standardErrorContains: "about to abort");
    }

    [Fact]
    public async Task A_call_that_returns_fails_the_death_test()
    {
        var failure = await Assert.ThrowsAsync<DeathTestFailedException>(
            () => DeathTest.AssertCrashesAsync(static () => Core.my_add(1, 2)));
        Assert.Contains("returned normally", failure.Message);
    }

    [Fact]
    public async Task A_call_that_throws_fails_the_death_test()
    {
        var failure = await Assert.ThrowsAsync<DeathTestFailedException>(
            () => DeathTest.AssertCrashesAsync(static () => throw new InvalidOperationException("not a crash")));
        Assert.Contains("InvalidOperationException", failure.Message);
    }

    [Fact]
    public async Task The_wrong_signal_fails_the_death_test()
    {
        var failure = await Assert.ThrowsAsync<DeathTestFailedException>(
            () => DeathTest.AssertCrashesAsync(static () => Faults.interop_crash_abort(), signal: 11));
        Assert.Contains("SIGSEGV", failure.Message);
    }
}
