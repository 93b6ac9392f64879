using Interop.Cluster.Grains;
using Interop.Runtime.Processes;
using Interop.Runtime.Processes.Protocol;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Interop.Cluster.Hosting;

/// <summary>
/// The local <see cref="ProcessPool"/> a silo hosts, started with the silo and killed with it. A chunk arrives
/// as the pool's own encoded chunk and leaves as the pool's own encoded result: the silo never decodes an
/// argument or a result, only its workers (which hold the registry) do.
/// </summary>
internal sealed class SiloPool(PoolOptions options, ILocalSiloDetails silo) : IHostedService, IAsyncDisposable
{
    private ProcessPool? _pool;

    /// <summary>This silo, as chunk results name it.</summary>
    public NodeInfo Node { get; } = new(silo.SiloAddress.ToParsableString(), Environment.MachineName, Environment.ProcessId, options.WorkerCount);

    /// <summary>The pool's workers alive now (tests check none outlives its silo).</summary>
    public IReadOnlyList<int> WorkerProcessIds => _pool?.WorkerProcessIds ?? [];

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _pool = await ProcessPool.StartAsync(options, cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pool is { } pool)
        {
            await pool.KillAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pool is { } pool)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs an encoded chunk on the local pool, spread over its workers, and returns its encoded result. Throws
    /// when the node itself failed (its pool shut down under the chunk or cannot start workers): that is not a
    /// task's answer, and the coordinator runs the chunk elsewhere.
    /// </summary>
    public async Task<byte[]> RunAsync(byte[] encodedChunk, CancellationToken cancellationToken)
    {
        var pool = _pool ?? throw new InvalidOperationException("The silo's process pool has not started.");
        var result = await pool.RunChunkAsync(EncodedChunk.FromBytes(encodedChunk), 0, cancellationToken).ConfigureAwait(false);
        for (var position = 0; position < result.Count; position++)
        {
            if (result.Failure(position) is { Kind: TaskFailureKind.PoolShutDown or TaskFailureKind.Other } failure)
            {
                throw new InvalidOperationException($"The pool of {Node} failed: {failure.Message}");
            }
        }

        return result.ToBytes();
    }
}
