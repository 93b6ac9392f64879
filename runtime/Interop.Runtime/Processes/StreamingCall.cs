using System.Threading.Channels;

namespace Interop.Runtime.Processes;

/// <summary><see cref="ProcessPool.MapUnorderedAsync"/>'s call: outcomes in completion order, streamed through a channel.</summary>
internal sealed class StreamingCall<TResult>(string taskName, PayloadCodec<TResult> codec, int count, CancellationToken cancellationToken)
    : TaskCall(taskName, 0, count, cancellationToken)
{
    private readonly Channel<TaskOutcome<TResult>> _outcomes = Channel.CreateUnbounded<TaskOutcome<TResult>>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TaskOutcome<TResult>> Outcomes => _outcomes.Reader;

    protected override void OnResult(int index, ReadOnlySpan<byte> payload) =>
        _outcomes.Writer.TryWrite(new TaskOutcome<TResult>(index, codec.Read(payload), null));

    protected override void OnFailure(int index, Exception error) =>
        _outcomes.Writer.TryWrite(new TaskOutcome<TResult>(index, default, error));

    protected override void OnFinished() => _outcomes.Writer.TryComplete();
}
