using System.Runtime.CompilerServices;
using Interop.Cluster.Coordination;
using Interop.Runtime.Processes;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Cluster;

/// <summary>
/// The process pool's API over a Microsoft Orleans cluster: every silo hosts a local crash-isolating
/// <see cref="ProcessPool"/> (<see cref="Hosting.InteropPoolSiloBuilderExtensions.AddInteropPool"/>), and a
/// map's chunks are grain activations placed by load. Written against <see cref="ITaskPool"/>, user code
/// moves from one machine to many by construction only. Python users move from <c>multiprocessing</c> to
/// Dask or Ray and rewrite; here the calls stay the same.
/// </summary>
/// <remarks>
/// <para>Outcomes mean what they mean locally: a task's exception is a <see cref="WorkerTaskException"/>, a
/// worker that died under it a <see cref="WorkerCrashedException"/>, an overrun a <see cref="TimeoutException"/>
/// (each also naming the node: <c>WorkerCrashedException.Node</c>, <c>WorkerTaskException.Node</c>, and
/// <c>Exception.Data[<see cref="NodeKey"/>]</c> on every failure); cancellation and ordering
/// are the local pool's.</para>
/// <para>Node loss: when a silo dies mid-map, the chunks it had not answered run again on other silos, as new
/// grains. A task's own failure is its answer and is never re-run; but a task whose node died while it ran
/// may run twice (its answer is still taken once, the first). <b>Tasks must therefore be idempotent</b>, as
/// with any at-least-once system. A map whose last silo died fails with <see cref="ClusterUnavailableException"/>.</para>
/// </remarks>
public sealed class ClusterPool : ITaskPool
{
    /// <summary>The <see cref="Exception.Data"/> key under which a task's failure names the node it ran on.</summary>
    public const string NodeKey = "Interop.Cluster.Node";

    private readonly ClusterPoolOptions _options;
    private readonly ClusterView _view;
    private readonly ChunkAttempts _attempts;
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>A pool over the cluster reached through <paramref name="grains"/> (an <c>IClusterClient</c>, or a silo's own factory).</summary>
    public ClusterPool(IGrainFactory grains, ClusterPoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _options = options ?? new ClusterPoolOptions();
        _options.Validate();
        _view = new ClusterView(grains, _options);
        _attempts = new ChunkAttempts(grains, _view, _options);
    }

    /// <summary>Runs one task on some node and returns its result, like <c>apply_async(...).get()</c>.</summary>
    public async Task<TResult> SubmitAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, TArg argument, CancellationToken cancellationToken = default)
    {
        var results = await MapAsync(task, [argument], 1, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument across the cluster and returns the results in input order,
    /// like <c>Pool.map</c>. If any task fails, throws the failure of the first failed task after all have settled.
    /// </summary>
    /// <param name="task">The task; every silo's registry must hold it.</param>
    /// <param name="arguments">One argument per task; read lazily, as chunks go out.</param>
    /// <param name="chunkSize">Tasks per chunk (one grain call); 0 picks <c>count / (4 × workers)</c>, or adapts for a lazy input.</param>
    /// <param name="cancellationToken">Stops the map: running chunks are cancelled on their silos.</param>
    public async Task<TResult[]> MapAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, CancellationToken cancellationToken = default)
    {
        var segments = new List<(int First, TResult[] Results)>();
        var total = 0;
        (int Index, Exception Error)? firstError = null;
        await foreach (var settlement in Settle(task, arguments, chunkSize, null, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var results = new TResult[settlement.Count];
            foreach (var outcome in Outcomes(task, settlement, cancellationToken))
            {
                if (outcome.Succeeded)
                {
                    results[outcome.Index - settlement.First] = outcome.Result!;
                }
                else if (firstError is not { } known || outcome.Index < known.Index)
                {
                    firstError = (outcome.Index, outcome.Error!);
                }
            }

            segments.Add((settlement.First, results));
            total += settlement.Count;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (firstError is { Error: var error })
        {
            throw error;
        }

        var all = new TResult[total];
        foreach (var (first, results) in segments)
        {
            results.CopyTo(all, first);
        }

        return all;
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument across the cluster and yields each outcome as its chunk
    /// settles, like <c>imap_unordered</c>; failures are outcomes, and <see cref="TaskOutcome{TResult}.Index"/>
    /// says which argument each belongs to. Every index gets exactly one outcome, node losses included.
    /// </summary>
    /// <param name="task">The task; every silo's registry must hold it.</param>
    /// <param name="arguments">One argument per task; read lazily, at most the in-flight bound ahead of the consumer.</param>
    /// <param name="chunkSize">Tasks per chunk; 0 picks one.</param>
    /// <param name="cancellationToken">Cancels the tasks not yet settled (they are yielded as cancelled).</param>
    public async IAsyncEnumerable<TaskOutcome<TResult>> MapUnorderedAsync<TArg, TResult>(
        WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var settlement in Settle(task, arguments, chunkSize, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var outcome in Outcomes(task, settlement, cancellationToken))
            {
                yield return outcome;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument across the cluster and yields each outcome in input order
    /// as soon as it and all before it are known, like <c>imap</c>. Chunks that finish early wait in a reorder
    /// buffer that counts against the in-flight bound, so memory stays bounded however the chunks finish.
    /// </summary>
    /// <param name="task">The task; every silo's registry must hold it.</param>
    /// <param name="arguments">One argument per task; read lazily.</param>
    /// <param name="chunkSize">Tasks per chunk; 0 picks one.</param>
    /// <param name="cancellationToken">Cancels the tasks not yet settled (they are yielded as cancelled).</param>
    public async IAsyncEnumerable<TaskOutcome<TResult>> MapOrderedAsync<TArg, TResult>(
        WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var waiting = new Dictionary<int, ChunkStream<TArg, TResult>.Settlement>();
        var next = 0;
        await foreach (var settlement in Settle(task, arguments, chunkSize, () => waiting.Count, cancellationToken).ConfigureAwait(false))
        {
            waiting.Add(settlement.First, settlement);
            while (waiting.Remove(next, out var ready))
            {
                foreach (var outcome in Outcomes(task, ready, cancellationToken))
                {
                    yield return outcome;
                }

                next += ready.Count;
            }
        }
    }

    /// <summary>Stops the membership watch; maps still running are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        await _view.DisposeAsync().ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ChunkStream<TArg, TResult>.Settlement> Settle<TArg, TResult>(
        WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize, Func<int>? held, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkSize);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var stream = new ChunkStream<TArg, TResult>(_view, _attempts, _options, task, arguments, chunkSize);
        await foreach (var settlement in stream.RunAsync(held, linked.Token).ConfigureAwait(false))
        {
            yield return settlement;
        }
    }

    /// <summary>One outcome per task of a settled chunk: the pool's own decoding, each failure also naming its node.</summary>
    private static IEnumerable<TaskOutcome<TResult>> Outcomes<TArg, TResult>(
        WorkerTask<TArg, TResult> task, ChunkStream<TArg, TResult>.Settlement settlement, CancellationToken cancellationToken)
    {
        if (settlement.Result is not { } result)
        {
            var canceled = new OperationCanceledException(cancellationToken);
            for (var i = 0; i < settlement.Count; i++)
            {
                yield return new TaskOutcome<TResult>(settlement.First + i, default, canceled);
            }

            yield break;
        }

        var node = settlement.Node!.ToString();
        foreach (var outcome in result.Decode(task))
        {
            if (outcome.Succeeded || result.Failure(outcome.Index - result.FirstIndex) is not { } failure)
            {
                yield return outcome;
                continue;
            }

            var error = failure.Kind switch
            {
                TaskFailureKind.Canceled => new OperationCanceledException(cancellationToken),
                TaskFailureKind.TimedOut => new TimeoutException($"{failure.Message} (on node {node})"),
                _ => (failure with { Node = node }).ToException(task.Name),
            };
            error.Data[NodeKey] = node;
            yield return outcome with { Error = error };
        }
    }
}
