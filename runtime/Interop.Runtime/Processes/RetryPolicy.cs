namespace Interop.Runtime.Processes;

/// <summary>
/// Whether a task whose worker crashed or timed out runs again on a fresh worker. Exceptions a task
/// throws itself (<see cref="WorkerTaskException"/>) are never retried: those are answers, not accidents.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Every task runs once.</summary>
    public static RetryPolicy None { get; } = new();

    /// <summary>Total runs allowed per task, the first included (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>Retry after the worker crashed (default true).</summary>
    public bool RetryCrashes { get; init; } = true;

    /// <summary>Retry after the task timed out (default false: a hang tends to hang again).</summary>
    public bool RetryTimeouts { get; init; }

    internal bool Allows(int attemptsSoFar, bool timedOut) =>
        attemptsSoFar < MaxAttempts && (timedOut ? RetryTimeouts : RetryCrashes);
}
