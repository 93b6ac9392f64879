namespace Interop.Runtime.Processes;

/// <summary>One task of a call: its position in the call, its encoded argument, how often it has run.</summary>
internal readonly record struct WorkItem(int Index, byte[] Argument, int Attempts);

/// <summary>
/// The unit a worker receives: one or more tasks of the same call (a chunk), sent in one frame. The id
/// ties result frames to the batch they answer.
/// </summary>
internal sealed class WorkBatch(TaskCall call, WorkItem[] items)
{
    private static long s_lastId;

    public long Id { get; } = Interlocked.Increment(ref s_lastId);

    public TaskCall Call { get; } = call;

    public WorkItem[] Items { get; } = items;
}
