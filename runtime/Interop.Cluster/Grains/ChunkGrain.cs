using Interop.Cluster.Hosting;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Interop.Cluster.Grains;

/// <summary>
/// Runs one chunk attempt on the pool of the silo it was placed on, then deactivates once its result has
/// been collected. Reentrant: a poll or a cancel must not wait behind another poll.
/// </summary>
[ResourceOptimizedPlacement]
[Reentrant]
internal sealed class ChunkGrain(SiloPool pool) : Grain, IChunkGrain
{
    private readonly CancellationTokenSource _cancel = new();
    private Task<byte[]>? _run;
    private string? _fault;

    public Task<NodeInfo> StartAsync(byte[] chunk)
    {
        // A repeated start (the coordinator's call was retried by the runtime) joins the first.
        _run ??= RunAsync(chunk);
        return Task.FromResult(pool.Node);
    }

    public async Task<ChunkPoll> PollAsync(TimeSpan wait)
    {
        if (_run is null)
        {
            // A fresh activation: the chunk's silo died and the directory forgot it. The coordinator re-runs it.
            DeactivateOnIdle();
            return new ChunkPoll(null, Unknown: true, NodeFault: null);
        }

        try
        {
            var result = await _run.WaitAsync(wait).ConfigureAwait(true);
            DeactivateOnIdle();
            return new ChunkPoll(result, Unknown: false, NodeFault: null);
        }
        catch (TimeoutException) when (!_run.IsCompleted)
        {
            return new ChunkPoll(null, Unknown: false, NodeFault: null);
        }
        catch (Exception) when (_fault is not null)
        {
            DeactivateOnIdle();
            return new ChunkPoll(null, Unknown: false, NodeFault: _fault);
        }
    }

    public Task CancelAsync() => _cancel.CancelAsync();

    private async Task<byte[]> RunAsync(byte[] chunk)
    {
        await Task.Yield();
        try
        {
            return await pool.RunAsync(chunk, _cancel.Token).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The silo's pool itself failed (shutting down, cannot start workers): a node fault, not a task's answer.
            _fault = $"{pool.Node}: {e.GetType().Name}: {e.Message}";
            throw;
        }
    }
}
