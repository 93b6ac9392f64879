namespace Interop.Runtime.Processes;

/// <summary>How a chunk left its worker.</summary>
internal enum ChunkEnd
{
    /// <summary>Every task of the chunk reported back.</summary>
    Completed,

    /// <summary>The worker died or broke the protocol; <see cref="ChunkEnding.Crash"/> says how.</summary>
    Crashed,

    /// <summary>No task reported within the timeout; the worker was killed.</summary>
    TimedOut,

    /// <summary>The call was cancelled or the pool killed; the worker was killed.</summary>
    Abandoned,

    /// <summary>The worker was already gone when the chunk was to be sent; the chunk goes back to the queue whole.</summary>
    NotSent,
}

/// <summary>The end of a chunk plus the positions of the tasks that never reported.</summary>
internal sealed record ChunkEnding(ChunkEnd End, IReadOnlyList<int> Unreported, WorkerCrashedException? Crash = null)
{
    public static readonly ChunkEnding Completed = new(ChunkEnd.Completed, []);

    public static readonly ChunkEnding NotSent = new(ChunkEnd.NotSent, []);
}
