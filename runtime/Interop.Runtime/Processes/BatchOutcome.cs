namespace Interop.Runtime.Processes;

/// <summary>How a batch left its worker.</summary>
internal enum BatchEnd
{
    /// <summary>Every task of the batch reported back.</summary>
    Completed,

    /// <summary>The worker died; <see cref="BatchOutcome.Crash"/> says how.</summary>
    Crashed,

    /// <summary>No task reported within the timeout; the worker was killed.</summary>
    TimedOut,

    /// <summary>The call was cancelled or the pool killed; the worker was killed.</summary>
    Abandoned,
}

/// <summary>The end of a batch plus the positions of the tasks that never reported.</summary>
internal sealed record BatchOutcome(BatchEnd End, IReadOnlyList<int> Unreported, WorkerCrashedException? Crash = null)
{
    public static readonly BatchOutcome Completed = new(BatchEnd.Completed, []);
}
