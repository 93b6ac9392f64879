namespace Interop.Runtime.Processes;

/// <summary>
/// A task threw a managed exception inside its worker. The worker survives and keeps serving; the
/// remote exception's type, message and full text (with its stack trace) travel back as strings.
/// </summary>
public sealed class WorkerTaskException : Exception
{
    /// <summary>Creates the exception from what the worker reported.</summary>
    public WorkerTaskException(string taskName, int processId, string remoteType, string remoteMessage, string remoteDetail)
        : base($"Task '{taskName}' threw {remoteType} in worker process {processId}: {remoteMessage}")
    {
        TaskName = taskName;
        ProcessId = processId;
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
        RemoteDetail = remoteDetail;
    }

    /// <summary>The remote exception's own message.</summary>
    public string RemoteMessage { get; }

    /// <summary>The machine (cluster node) whose worker ran the task; null on a local pool.</summary>
    public string? Node { get; init; }

    /// <summary>The task that threw.</summary>
    public string TaskName { get; }

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; }

    /// <summary>Full name of the exception type thrown in the worker.</summary>
    public string RemoteType { get; }

    /// <summary>The remote exception's <see cref="Exception.ToString"/>, including its stack trace.</summary>
    public string RemoteDetail { get; }
}
