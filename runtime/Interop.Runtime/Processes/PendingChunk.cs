using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// A chunk of a call waiting for, or running on, a worker. The id ties the worker's answers to it; positions in
/// the chunk map to indices in the call through <see cref="CallIndex"/>.
/// </summary>
internal sealed class PendingChunk(TaskCall call, EncodedChunk chunk, int attempts = 0)
{
    private static long s_lastId;

    public long Id { get; } = Interlocked.Increment(ref s_lastId);

    public TaskCall Call { get; } = call;

    public EncodedChunk Chunk { get; } = chunk;

    /// <summary>How often the chunk's tasks have run before (retries are single-task chunks).</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The index in the call of the task at <paramref name="position"/> in this chunk.</summary>
    public int CallIndex(int position) => Chunk.FirstIndex - Call.FirstIndex + position;

    /// <summary>The task at <paramref name="position"/> alone, having run <paramref name="attempts"/> times.</summary>
    public PendingChunk Single(int position, int attempts) => new(Call, Chunk.Slice(position, 1), attempts);
}
