namespace Interop.Runtime.Processes.Protocol;

/// <summary>Why a task of a <see cref="ChunkResult"/> has no result; each kind maps back to one exception type.</summary>
public enum TaskFailureKind : byte
{
    /// <summary>The task threw inside its worker (<see cref="WorkerTaskException"/>).</summary>
    TaskException = 1,

    /// <summary>The worker died under the task (<see cref="WorkerCrashedException"/>).</summary>
    WorkerCrashed = 2,

    /// <summary>The task ran past its timeout and its worker was killed (<see cref="TimeoutException"/>).</summary>
    TimedOut = 3,

    /// <summary>The caller cancelled (<see cref="OperationCanceledException"/>).</summary>
    Canceled = 4,

    /// <summary>The pool was shut down before the task finished (<see cref="ObjectDisposedException"/>).</summary>
    PoolShutDown = 5,

    /// <summary>Anything else, such as a pool that cannot start workers (<see cref="InvalidOperationException"/>).</summary>
    Other = 6,
}

/// <summary>
/// A task's failure as a plain value, so it can travel with a <see cref="ChunkResult"/> to another machine and
/// become the same exception there (<see cref="ToException"/>). <see cref="Node"/> names the machine it happened on.
/// </summary>
/// <param name="Kind">Which exception this is.</param>
/// <param name="Message">The original exception's message.</param>
public sealed record TaskFailure(TaskFailureKind Kind, string Message)
{
    /// <summary>For <see cref="TaskFailureKind.TaskException"/>: the full name of the exception type thrown in the worker.</summary>
    public string? RemoteType { get; init; }

    /// <summary>For <see cref="TaskFailureKind.TaskException"/>: the remote exception's full text with its stack trace.</summary>
    public string? RemoteDetail { get; init; }

    /// <summary>The worker's process id, when a worker was involved.</summary>
    public int ProcessId { get; init; }

    /// <summary>For <see cref="TaskFailureKind.WorkerCrashed"/>: the exit code as .NET reports it (128 + N for signal N).</summary>
    public int? ExitCode { get; init; }

    /// <summary>For <see cref="TaskFailureKind.WorkerCrashed"/>: the worker's last stderr lines.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; init; } = [];

    /// <summary>The machine (cluster node) whose worker it was; null on a local pool.</summary>
    public string? Node { get; init; }

    /// <summary>Describes <paramref name="error"/>, a task's exception as the pool reports it.</summary>
    public static TaskFailure From(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            WorkerTaskException e => new TaskFailure(TaskFailureKind.TaskException, e.RemoteMessage)
            {
                RemoteType = e.RemoteType, RemoteDetail = e.RemoteDetail, ProcessId = e.ProcessId,
            },
            WorkerCrashedException e => new TaskFailure(TaskFailureKind.WorkerCrashed, e.Message)
            {
                ProcessId = e.ProcessId, ExitCode = e.ExitCode, StandardErrorTail = e.StandardErrorTail, Node = e.Node,
            },
            TimeoutException e => new TaskFailure(TaskFailureKind.TimedOut, e.Message),
            OperationCanceledException e => new TaskFailure(TaskFailureKind.Canceled, e.Message),
            ObjectDisposedException e => new TaskFailure(TaskFailureKind.PoolShutDown, e.Message),
            _ => new TaskFailure(TaskFailureKind.Other, $"{error.GetType().FullName}: {error.Message}"),
        };
    }

    /// <summary>The exception a local pool would have reported for this failure of <paramref name="taskName"/>.</summary>
    public Exception ToException(string taskName) => Kind switch
    {
        TaskFailureKind.TaskException => new WorkerTaskException(taskName, ProcessId, RemoteType ?? "?", Message, RemoteDetail ?? Message) { Node = Node },
        TaskFailureKind.WorkerCrashed => new WorkerCrashedException(taskName, ProcessId, ExitCode, StandardErrorTail, Node),
        TaskFailureKind.TimedOut => new TimeoutException(Message),
        TaskFailureKind.Canceled => new OperationCanceledException(Message),
        TaskFailureKind.PoolShutDown => new ObjectDisposedException(nameof(ProcessPool), Message),
        _ => new InvalidOperationException(Message),
    };

    internal void Write(FrameWriter writer)
    {
        writer.WriteByte((byte)Kind);
        writer.WriteString(Message);
        writer.WriteString(RemoteType ?? "");
        writer.WriteString(RemoteDetail ?? "");
        writer.WriteInt32(ProcessId);
        writer.WriteInt64(ExitCode ?? long.MinValue);
        writer.WriteString(Node ?? "");
        writer.WriteInt32(StandardErrorTail.Count);
        foreach (var line in StandardErrorTail)
        {
            writer.WriteString(line);
        }
    }

    internal static TaskFailure Read(ref FrameReader reader)
    {
        var kind = (TaskFailureKind)reader.ReadByte();
        if (kind is < TaskFailureKind.TaskException or > TaskFailureKind.Other)
        {
            throw new InvalidDataException($"Unknown task failure kind {(byte)kind}.");
        }

        var message = reader.ReadString();
        var remoteType = reader.ReadString();
        var remoteDetail = reader.ReadString();
        var processId = reader.ReadInt32();
        var exitCode = reader.ReadInt64();
        var node = reader.ReadString();
        var tail = new string[reader.ReadCount(minItemBytes: 4)];
        for (var i = 0; i < tail.Length; i++)
        {
            tail[i] = reader.ReadString();
        }

        return new TaskFailure(kind, message)
        {
            RemoteType = remoteType.Length == 0 ? null : remoteType,
            RemoteDetail = remoteDetail.Length == 0 ? null : remoteDetail,
            ProcessId = processId,
            ExitCode = exitCode == long.MinValue ? null : (int)exitCode,
            Node = node.Length == 0 ? null : node,
            StandardErrorTail = tail,
        };
    }
}
