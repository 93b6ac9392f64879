using Interop.Runtime.Processes;

namespace Interop.Testing;

/// <summary>
/// Death tests, as in GoogleTest's <c>EXPECT_DEATH</c>: assert that a call kills its process, safely,
/// by making the call in a worker process. In the example, <c>Faults</c> stands for bindings of a library that
/// crashes on purpose (the repository's tests use native/testing's test-only <c>interop_faults</c>).
/// <code>
/// var crash = await DeathTest.AssertCrashesAsync(static () =&gt; Faults.interop_crash_abort(), signal: 6);
/// </code>
/// </summary>
public static class DeathTest
{
    /// <summary>
    /// Runs <paramref name="body"/> in a worker and returns how the worker died. Fails with
    /// <see cref="DeathTestFailedException"/> if the body returns or throws, or if the death does not
    /// match the expectations given.
    /// </summary>
    /// <param name="body">A non-capturing lambda or a static method.</param>
    /// <param name="signal">The signal the process must die of (11 = SIGSEGV, 6 = SIGABRT), if any.</param>
    /// <param name="exitCode">The exit code the process must end with (for calls to <c>exit</c>), if any.</param>
    /// <param name="standardErrorContains">Text that must appear in the process's last stderr lines, if any.</param>
    /// <param name="timeout">How long to wait for the death; a body still running then fails the assertion.</param>
    public static async Task<WorkerCrashedException> AssertCrashesAsync(
        Action body, int? signal = null, int? exitCode = null, string? standardErrorContains = null, TimeSpan? timeout = null)
    {
        WorkerCrashedException crash;
        try
        {
            await CrashIsolation.RunAsync(body, timeout).ConfigureAwait(false);
            throw new DeathTestFailedException("Expected the call to crash its process, but it returned normally.");
        }
        catch (WorkerCrashedException e)
        {
            crash = e;
        }
        catch (WorkerTaskException e)
        {
            throw new DeathTestFailedException($"Expected the call to crash its process, but it threw {e.RemoteType}: {e.Message}", e);
        }
        catch (TimeoutException e)
        {
            throw new DeathTestFailedException("Expected the call to crash its process, but it was still running at the timeout.", e);
        }

        if (signal is { } expectedSignal && crash.Signal != expectedSignal)
        {
            throw new DeathTestFailedException(
                $"Expected death by {WorkerCrashedException.SignalName(expectedSignal)}, but: {crash.Message}", crash);
        }

        if (exitCode is { } expectedCode && (crash.Signal is not null || crash.ExitCode != expectedCode))
        {
            throw new DeathTestFailedException($"Expected exit code {expectedCode}, but: {crash.Message}", crash);
        }

        if (standardErrorContains is not null && !crash.StandardErrorTail.Any(line => line.Contains(standardErrorContains, StringComparison.Ordinal)))
        {
            throw new DeathTestFailedException($"Expected stderr to contain \"{standardErrorContains}\", but: {crash.Message}", crash);
        }

        return crash;
    }
}

/// <summary>A death test's expectation was not met.</summary>
public sealed class DeathTestFailedException : Exception
{
    /// <summary>Creates the failure.</summary>
    public DeathTestFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
