using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// <see cref="ProcessPool.RunChunkAsync"/>'s call: one encoded chunk whose outcomes stay encoded
/// (<see cref="ChunkResult"/>), so they can travel on or be decoded by whoever holds the task.
/// </summary>
internal sealed class ChunkCall(EncodedChunk chunk, CancellationToken cancellationToken)
    : TaskCall(chunk.TaskName, chunk.FirstIndex, chunk.Count, cancellationToken)
{
    private readonly ChunkResult.Builder _result = new(chunk.TaskName, chunk.FirstIndex, chunk.Count);
    private readonly TaskCompletionSource<ChunkResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ChunkResult> Completion => _completion.Task;

    protected override void OnResult(int index, ReadOnlySpan<byte> payload) => _result.Succeed(index, payload);

    protected override void OnFailure(int index, Exception error) => _result.Fail(index, TaskFailure.From(error));

    protected override void OnFinished() => _completion.TrySetResult(_result.Build());
}
