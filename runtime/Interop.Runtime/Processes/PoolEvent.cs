namespace Interop.Runtime.Processes;

/// <summary>What happened to a worker of a <see cref="ProcessPool"/> (see <see cref="ProcessPool.WorkerEvent"/>).</summary>
public enum PoolEventKind
{
    /// <summary>A worker joined the pool: at start-up, or to replace one that crashed, was killed or was recycled.</summary>
    Started,

    /// <summary>A worker died without being asked: a crash in native code, an exit, a kill from outside, or a protocol violation.</summary>
    Crashed,

    /// <summary>The pool killed a worker: its task ran past its timeout, or the call running on it was cancelled.</summary>
    Killed,

    /// <summary>A worker reached <see cref="PoolOptions.MaxTasksPerWorker"/> and was retired (Python's <c>maxtasksperchild</c>).</summary>
    Recycled,
}

/// <summary>One change in a pool's workers, for logging or metrics.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="ProcessId">The worker's process id.</param>
/// <param name="Error">For <see cref="PoolEventKind.Crashed"/>, how it ended, when a task was running; else null.</param>
public readonly record struct PoolEvent(PoolEventKind Kind, int ProcessId, WorkerCrashedException? Error = null);

/// <summary>Counts of worker events since a pool started (<see cref="ProcessPool.Counters"/>).</summary>
/// <param name="Started">Workers started, the first ones included.</param>
/// <param name="Respawned">Workers started to replace another (<see cref="Started"/> minus the pool's size).</param>
/// <param name="Crashed">Workers that died without being asked.</param>
/// <param name="Killed">Workers the pool killed for a timeout or a cancellation.</param>
/// <param name="Recycled">Workers retired at their task quota.</param>
public readonly record struct PoolCounters(long Started, long Respawned, long Crashed, long Killed, long Recycled);
