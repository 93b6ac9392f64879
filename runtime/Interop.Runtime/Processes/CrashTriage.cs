namespace Interop.Runtime.Processes;

/// <summary>
/// Where a worker's death becomes an exception: its exit status (a code or a signal) and the last lines of its
/// stderr turn into a <see cref="WorkerCrashedException"/> for the task it was running, or, before it ever
/// connected, into a start-up error that says what to fix.
/// </summary>
internal static class CrashTriage
{
    /// <summary>How long a worker that hung up may linger before its exit status is given up on.</summary>
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The worker closed its connection while running <paramref name="taskName"/>: waits for the process to end
    /// (its stderr is fully read by then) and describes how it ended.
    /// </summary>
    public static async Task<WorkerCrashedException> ObserveCrashAsync(WorkerLaunch process, string taskName)
    {
        int? exitCode;
        try
        {
            exitCode = await process.Exit.WaitAsync(ExitPatience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // It hung up on us but lingers: finish it, its exit code would only say "killed by us".
            exitCode = null;
        }

        await process.KillAsync().ConfigureAwait(false);
        return new WorkerCrashedException(taskName, process.ProcessId, exitCode, process.StandardErrorTail());
    }

    /// <summary>The worker ended, or never said hello, before it connected.</summary>
    public static InvalidOperationException StartFailure(WorkerLaunch process, bool exited, TimeSpan startTimeout)
    {
        var command = process.Command.TargetFilePath;
        var message = exited
            ? $"Worker process {process.ProcessId} ({command}) exited with code {process.Exit.Result} before connecting. "
            : $"Worker process {process.ProcessId} ({command}) did not connect within {startTimeout.TotalSeconds:0.#} s. ";
        message += InsideTestHost()
            ? "The pool was started inside a test host, whose entry point cannot serve as a worker: create the pool with " +
              "Worker = TestWorkers.For(typeof(YourTasks)) from the Interop.Testing package, where YourTasks has one public " +
              "static TaskRegistry property or field holding the tasks (see Interop.Testing's README)."
            : $"Does its Main call ProcessWorker.Run when it gets {ProcessWorker.WorkerArgument}?";
        var tail = process.StandardErrorTail();
        if (tail.Count > 0)
        {
            message += " Its stderr ended with:" + Environment.NewLine + string.Join(Environment.NewLine, tail);
        }

        return new InvalidOperationException(message);
    }

    /// <summary>True when this process is a test runner's host (vstest's testhost, or a test framework is loaded).</summary>
    internal static bool InsideTestHost()
    {
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "";
        return entry.StartsWith("testhost", StringComparison.OrdinalIgnoreCase) ||
               AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name is
                   "xunit.core" or "xunit.v3.core" or "nunit.framework" or "Microsoft.VisualStudio.TestPlatform.TestFramework");
    }
}
