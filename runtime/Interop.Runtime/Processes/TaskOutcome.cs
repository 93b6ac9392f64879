namespace Interop.Runtime.Processes;

/// <summary>How one task of a map ended, as <see cref="ProcessPool.MapUnorderedAsync"/> reports it.</summary>
/// <typeparam name="TResult">The task's result type.</typeparam>
/// <param name="Index">Position of the task's argument in the input sequence.</param>
/// <param name="Result">The result; default when the task failed.</param>
/// <param name="Error">Why the task failed (<see cref="WorkerCrashedException"/>, <see cref="TimeoutException"/>,
/// <see cref="WorkerTaskException"/>, <see cref="OperationCanceledException"/>), or null on success.</param>
public readonly record struct TaskOutcome<TResult>(int Index, TResult? Result, Exception? Error)
{
    /// <summary>True when the task produced a result.</summary>
    public bool Succeeded => Error is null;
}
