namespace Interop.Cluster.Grains;

/// <summary>What kind of answer a failed task gave; each maps back to the exception the local pool raises.</summary>
internal enum FailureKind : byte
{
    /// <summary>The task threw inside its worker (<c>WorkerTaskException</c>).</summary>
    Threw = 1,

    /// <summary>The worker died under the task (<c>WorkerCrashedException</c>).</summary>
    Crashed = 2,

    /// <summary>The task outran its timeout (<c>TimeoutException</c>).</summary>
    TimedOut = 3,

    /// <summary>The chunk was cancelled on the silo (<c>OperationCanceledException</c>).</summary>
    Canceled = 4,
}

/// <summary>One failed task of a chunk, as plain fields so it crosses the wire without exception serialization.</summary>
[GenerateSerializer, Immutable, Alias("Interop.Cluster.TaskFailure")]
internal sealed record TaskFailure(
    [property: Id(0)] int Position,
    [property: Id(1)] FailureKind Kind,
    [property: Id(2)] string Message,
    [property: Id(3)] int ProcessId,
    [property: Id(4)] int? ExitCode,
    [property: Id(5)] string[] StandardErrorTail,
    [property: Id(6)] string RemoteType,
    [property: Id(7)] string RemoteMessage,
    [property: Id(8)] string RemoteDetail);
