using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// <see cref="ProcessPool.MapAsync"/>'s call: results in input order; once every task has settled it fails with
/// the lowest-index failure, wrapped in a <see cref="MapItemFailedException"/> that names the index and argument.
/// </summary>
internal sealed class OrderedCall<TArg, TResult>(WorkerTask<TArg, TResult> task, EncodedChunk arguments, CancellationToken cancellationToken)
    : TaskCall(task.Name, arguments.FirstIndex, arguments.Count, cancellationToken)
{
    private readonly TResult[] _results = new TResult[arguments.Count];
    private Exception?[]? _errors; // allocated on the first failure
    private readonly TaskCompletionSource<TResult[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult[]> Completion => _completion.Task;

    protected override void OnResult(int index, ReadOnlySpan<byte> payload) => _results[index] = task.ResultCodec.Read(payload);

    protected override void OnFailure(int index, Exception error)
    {
        var errors = Volatile.Read(ref _errors) ?? Interlocked.CompareExchange(ref _errors, new Exception?[_results.Length], null) ?? _errors;
        errors[index] = error;
    }

    protected override void OnFinished()
    {
        // The decrement that led here orders every OnFailure write before this read.
        var errors = Volatile.Read(ref _errors);
        var index = errors is null ? -1 : Array.FindIndex(errors, e => e is not null);
        switch (index < 0 ? null : errors![index])
        {
            case null:
                _completion.TrySetResult(_results);
                break;
            case OperationCanceledException canceled:
                _completion.TrySetCanceled(canceled.CancellationToken);
                break;
            case ObjectDisposedException disposed:
                _completion.TrySetException(disposed); // the pool went away: not this item's fault
                break;
            case var failure:
                _completion.TrySetException(new MapItemFailedException(
                    TaskName, FirstIndex + index, task.DescribeArgument(arguments.Argument(index)), failure));
                break;
        }
    }
}
