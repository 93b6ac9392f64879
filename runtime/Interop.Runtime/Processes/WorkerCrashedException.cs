namespace Interop.Runtime.Processes;

/// <summary>
/// A task failed because its worker process died under it: a segfault or abort in native code, a call
/// to <c>exit</c>, or a kill from outside. Carries how the process ended and the last lines it wrote to
/// stderr (where the runtime and native code print their last words).
/// </summary>
public sealed class WorkerCrashedException : Exception
{
    /// <summary>Creates the exception for a worker that ended with <paramref name="exitCode"/> while running <paramref name="taskName"/>.</summary>
    public WorkerCrashedException(string taskName, int processId, int? exitCode, IReadOnlyList<string> standardErrorTail)
        : this(taskName, processId, exitCode, standardErrorTail, node: null)
    {
    }

    /// <summary>Creates the exception for a worker on <paramref name="node"/> (a cluster member; null for this machine).</summary>
    public WorkerCrashedException(string taskName, int processId, int? exitCode, IReadOnlyList<string> standardErrorTail, string? node)
        : base(Describe(taskName, processId, exitCode, standardErrorTail, node))
    {
        Node = node;
        TaskName = taskName;
        ProcessId = processId;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>The machine (cluster node) the worker ran on; null for this machine.</summary>
    public string? Node { get; }

    /// <summary>The task that was running.</summary>
    public string TaskName { get; }

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; }

    /// <summary>
    /// The exit code as .NET reports it (a death by signal N reads as 128 + N); null if it could not be observed.
    /// </summary>
    public int? ExitCode { get; }

    /// <summary>
    /// The signal that ended the process (11 for SIGSEGV, 6 for SIGABRT, 9 for SIGKILL), or null if it exited.
    /// Derived from <see cref="ExitCode"/>, so a process that itself calls <c>exit(128 + N)</c> reads as signal N.
    /// </summary>
    public int? Signal => ExitCode is > 128 and < 128 + 65 ? ExitCode - 128 : null;

    /// <summary>The last lines the worker wrote to stderr, oldest first.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }

    /// <summary>The conventional name of <paramref name="signal"/> ("SIGSEGV"), or "signal N".</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };

    private static string Describe(string taskName, int processId, int? exitCode, IReadOnlyList<string> tail, string? node)
    {
        var how = exitCode switch
        {
            null => "ended",
            > 128 and < 128 + 65 => $"was killed by {SignalName(exitCode.Value - 128)} ({exitCode.Value - 128})",
            _ => $"exited with code {exitCode}",
        };
        var message = $"Worker process {processId}{(node is null ? "" : $" on {node}")} {how} while running task '{taskName}'.";
        const int shown = 10;
        if (tail.Count > 0)
        {
            message += " Last stderr lines:" + Environment.NewLine + "  " +
                       string.Join(Environment.NewLine + "  ", tail.Skip(Math.Max(0, tail.Count - shown)));
        }

        return message;
    }
}
