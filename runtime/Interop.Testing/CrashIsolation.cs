using Interop.Runtime.Processes;

namespace Interop.Testing;

/// <summary>
/// Runs a test body in a fresh worker process, so native code that segfaults or aborts fails the test
/// with a <see cref="WorkerCrashedException"/> (signal, exit code, last stderr lines) instead of killing
/// the test host and every test after it:
/// <code>
/// [Fact]
/// public Task Parses_the_header() => CrashIsolation.RunAsync(static () =&gt; Assert.Equal(3, Native.parse()));
/// </code>
/// The body must capture nothing (it is found by name in the other process). Assertion failures and
/// other exceptions come back as a <see cref="WorkerTaskException"/> carrying the original type, message
/// and stack trace.
/// </summary>
public static class CrashIsolation
{
    internal static readonly WorkerTask<string, bool> RunBody = new("interop.testing.run-body", encoded =>
    {
        IsolatedBody.Decode(encoded).Invoke();
        return true;
    });

    /// <summary>Runs <paramref name="body"/> in a worker and returns once it has returned there.</summary>
    /// <param name="body">A non-capturing lambda or a static method.</param>
    /// <param name="timeout">Kill the worker and fail with <see cref="TimeoutException"/> after this long; default one minute.</param>
    public static Task RunAsync(Action body, TimeSpan? timeout = null) => RunAsync((Delegate)body, timeout);

    /// <summary>Runs an asynchronous <paramref name="body"/> in a worker and returns once it has completed there.</summary>
    /// <param name="body">A non-capturing lambda or a static method.</param>
    /// <param name="timeout">Kill the worker and fail with <see cref="TimeoutException"/> after this long; default one minute.</param>
    public static Task RunAsync(Func<Task> body, TimeSpan? timeout = null) => RunAsync((Delegate)body, timeout);

    internal static async Task RunAsync(Delegate body, TimeSpan? timeout)
    {
        var isolated = IsolatedBody.From(body);
        var options = new PoolOptions
        {
            WorkerCount = 1,
            Worker = TestWorkers.HostFor(body.Method.Module.Assembly, []),
            TaskTimeout = timeout ?? TimeSpan.FromMinutes(1),
            // Test hosts do not show a child's output; the crash exception carries the stderr tail.
            WorkerOutput = static _ => { },
        };
        await using var pool = await ProcessPool.StartAsync(options).ConfigureAwait(false);
        await pool.SubmitAsync(RunBody, isolated.Encode()).ConfigureAwait(false);
    }
}
