namespace Interop.Runtime.Processes;

/// <summary>One task of a call: its position in the call, where its encoded argument lies in the call's buffer, how often it has run.</summary>
internal readonly record struct WorkItem(int Index, int Offset, int Length, int Attempts);

/// <summary>
/// The unit a worker receives: one or more consecutive tasks of the same call (a chunk), sent in one
/// frame. The id ties result frames to the batch they answer. A batch is a range over the buffer all
/// arguments of the call were encoded into, so chunking allocates nothing per task.
/// </summary>
internal sealed class WorkBatch(TaskCall call, byte[] arguments, int[] ends, int first, int count, int attempts = 0)
{
    private static long s_lastId;

    public long Id { get; } = Interlocked.Increment(ref s_lastId);

    public TaskCall Call { get; } = call;

    /// <summary>Every argument of the call, encoded back to back (shared by the call's batches).</summary>
    public byte[] Arguments { get; } = arguments;

    /// <summary>Where argument i of the call ends in <see cref="Arguments"/>.</summary>
    public int[] Ends { get; } = ends;

    /// <summary>Index in the call of the batch's first task.</summary>
    public int First { get; } = first;

    /// <summary>Number of tasks in the batch.</summary>
    public int Count { get; } = count;

    /// <summary>How often the batch's tasks have run before (retries are single-task batches).</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The task at <paramref name="position"/> in the batch.</summary>
    public WorkItem this[int position]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)position, (uint)Count, nameof(position));
            var index = First + position;
            var offset = index == 0 ? 0 : Ends[index - 1];
            return new WorkItem(index, offset, Ends[index] - offset, Attempts);
        }
    }

    /// <summary>A batch of the single task <paramref name="item"/> of the same call.</summary>
    public WorkBatch Single(WorkItem item) => new(Call, Arguments, Ends, item.Index, 1, item.Attempts);
}
