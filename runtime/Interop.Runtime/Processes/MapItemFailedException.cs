namespace Interop.Runtime.Processes;

/// <summary>
/// A task of <see cref="ProcessPool.MapAsync"/> failed: names the item's index and, where it can be shown, its
/// argument; <see cref="Exception.InnerException"/> is the failure itself (<see cref="WorkerCrashedException"/>,
/// <see cref="WorkerTaskException"/>, <see cref="TimeoutException"/>). Python's <c>Pool.map</c> re-raises the
/// worker's exception and leaves the user to find the item; this says which one it was.
/// </summary>
public sealed class MapItemFailedException : Exception
{
    /// <summary>Creates the exception for item <paramref name="index"/> of a map of <paramref name="taskName"/>.</summary>
    public MapItemFailedException(string taskName, int index, string? argument, Exception failure)
        : base($"Task '{taskName}' failed on item {index}{(argument is null ? "" : $" (argument: {argument})")}: {failure.Message}", failure)
    {
        TaskName = taskName;
        Index = index;
        Argument = argument;
    }

    /// <summary>The task that failed.</summary>
    public string TaskName { get; }

    /// <summary>Position of the failed item in the map's input.</summary>
    public int Index { get; }

    /// <summary>
    /// The argument as text (its <see cref="object.ToString"/>, shortened), or null where it cannot be shown:
    /// a type without a <c>ToString</c> of its own, or an argument that did not decode.
    /// </summary>
    public string? Argument { get; }
}
