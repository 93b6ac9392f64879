using System.Threading.Channels;

namespace Interop.Runtime.Processes;

/// <summary>
/// One call into the pool (a submit or a map) and the place its results land. Every task of the call
/// is settled exactly once, by a result, a failure or cancellation, whichever comes first: late or
/// repeated reports are ignored, which is what makes "never lost, never duplicated" hold.
/// </summary>
internal abstract class TaskCall
{
    private readonly byte[] _settled;
    private int _remaining;
    private CancellationTokenRegistration _cancellation;

    protected TaskCall(WorkerTask task, int count, CancellationToken cancellationToken)
    {
        Task = task;
        _settled = new byte[count];
        _remaining = count;
        CancellationToken = cancellationToken;
    }

    public WorkerTask Task { get; }

    public CancellationToken CancellationToken { get; }

    public bool IsFinished => Volatile.Read(ref _remaining) == 0;

    public bool IsSettled(int index) => Volatile.Read(ref _settled[index]) != 0;

    /// <summary>Fails every unsettled task when the caller's token fires.</summary>
    public void ObserveCancellation()
    {
        if (CancellationToken.CanBeCanceled)
        {
            _cancellation = CancellationToken.Register(static state =>
            {
                var call = (TaskCall)state!;
                var error = new OperationCanceledException(call.CancellationToken);
                for (var i = 0; i < call._settled.Length; i++)
                {
                    call.TryFail(i, error);
                }
            }, this);
        }
    }

    /// <summary>
    /// Settles tasks with the <paramref name="count"/> result blocks in <paramref name="reader"/>, which answer
    /// tasks <paramref name="first"/>… of this call, with one update of the remaining count for the whole run.
    /// </summary>
    public void TryDeliverRun(ref FrameReader reader, int first, int count)
    {
        var settled = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                settled += Deliver(first + i, reader.ReadBlock()) ? 1 : 0;
            }
        }
        finally
        {
            // Also when a block is malformed (the worker is then treated as crashed): the tasks settled so far stay settled.
            Settled(settled);
        }
    }

    /// <summary><see cref="TryDeliverRun"/> for <paramref name="count"/> results of <paramref name="size"/> bytes each, back to back.</summary>
    public void TryDeliverFixedRun(ReadOnlySpan<byte> results, int first, int count, int size)
    {
        var settled = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                settled += Deliver(first + i, results.Slice(i * size, size)) ? 1 : 0;
            }
        }
        finally
        {
            Settled(settled);
        }
    }

    public void TryFail(int index, Exception error)
    {
        if (Interlocked.Exchange(ref _settled[index], 1) != 0)
        {
            return;
        }

        OnFailure(index, error);
        Settled();
    }

    // Settles task index with its result unless something settled it first; false when it was already settled.
    private bool Deliver(int index, ReadOnlySpan<byte> payload)
    {
        if (Interlocked.Exchange(ref _settled[index], 1) != 0)
        {
            return false;
        }

        try
        {
            OnResult(index, payload);
        }
        catch (Exception e)
        {
            OnFailure(index, new InvalidDataException($"Could not decode the result of task '{Task.Name}': {e.Message}", e));
        }

        return true;
    }

    protected abstract void OnResult(int index, ReadOnlySpan<byte> payload);

    protected abstract void OnFailure(int index, Exception error);

    protected abstract void OnFinished();

    private void Settled(int count = 1)
    {
        if (count > 0 && Interlocked.Add(ref _remaining, -count) == 0)
        {
            _cancellation.Dispose();
            OnFinished();
        }
    }
}

/// <summary>Results in input order; fails with the lowest-index failure once every task has settled.</summary>
internal sealed class OrderedCall<TResult>(WorkerTask task, PayloadCodec<TResult> codec, int count, CancellationToken cancellationToken)
    : TaskCall(task, count, cancellationToken)
{
    private readonly TResult[] _results = new TResult[count];
    private Exception?[]? _errors; // allocated on the first failure
    private readonly TaskCompletionSource<TResult[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult[]> Completion => _completion.Task;

    protected override void OnResult(int index, ReadOnlySpan<byte> payload) => _results[index] = codec.Read(payload);

    protected override void OnFailure(int index, Exception error)
    {
        var errors = Volatile.Read(ref _errors) ?? Interlocked.CompareExchange(ref _errors, new Exception?[_results.Length], null) ?? _errors;
        errors[index] = error;
    }

    protected override void OnFinished()
    {
        // The decrement that led here orders every OnFailure write before this read.
        var first = Volatile.Read(ref _errors) is { } errors ? Array.Find(errors, e => e is not null) : null;
        if (first is OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        else if (first is not null)
        {
            _completion.TrySetException(first);
        }
        else
        {
            _completion.TrySetResult(_results);
        }
    }
}

/// <summary>Outcomes in completion order, streamed through a channel.</summary>
internal sealed class StreamingCall<TResult>(WorkerTask task, PayloadCodec<TResult> codec, int count, CancellationToken cancellationToken)
    : TaskCall(task, count, cancellationToken)
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
