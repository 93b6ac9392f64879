namespace Interop.Runtime.Processes;

/// <summary>
/// What a pool of workers offers, wherever the workers run: a local <see cref="ProcessPool"/> or a pool
/// spread over a cluster. User code written against this interface switches between them by
/// construction only; outcomes, ordering, timeouts and cancellation mean the same on every implementation.
/// </summary>
public interface ITaskPool : IAsyncDisposable
{
    /// <summary>Runs one task and returns its result, like <c>apply_async(...).get()</c>.</summary>
    Task<TResult> SubmitAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, TArg argument, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="task"/> on every argument and returns the results in input order, like <c>Pool.map</c>.</summary>
    Task<TResult[]> MapAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="task"/> on every argument and yields each outcome in input order as it becomes available,
    /// like <c>imap</c>, reading the input lazily with a bounded number of chunks in flight.
    /// </summary>
    IAsyncEnumerable<TaskOutcome<TResult>> MapOrderedAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="task"/> on every argument and yields each outcome in completion order, like <c>imap_unordered</c>.</summary>
    IAsyncEnumerable<TaskOutcome<TResult>> MapUnorderedAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, CancellationToken cancellationToken = default);
}
