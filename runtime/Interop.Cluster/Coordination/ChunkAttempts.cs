using Interop.Cluster.Grains;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Cluster.Coordination;

/// <summary>A chunk settled: the answer taken and the node that gave it, the attempts lost before it, or why the cluster could not run it.</summary>
internal sealed record ChunkSettled(ChunkResult? Result, NodeInfo? Node, IReadOnlyList<string> LostOn, Exception? ClusterError);

/// <summary>
/// Runs one chunk to an answer: each attempt is a new grain (so a fresh placement); an attempt lost with
/// its node (the silo died, was unreachable, left the membership, or its pool failed) is tried again, up
/// to <see cref="ClusterPoolOptions.MaxChunkAttempts"/>. A task's failure is inside the answer, never a
/// reason to try again. Nothing here throws: the outcome is always one <see cref="ChunkSettled"/>.
/// </summary>
internal sealed class ChunkAttempts(IGrainFactory grains, ClusterView view, ClusterPoolOptions options)
{
    private readonly ChunkPlacement _placement = new(view);

    public async Task<ChunkSettled?> RunAsync(EncodedChunk chunk, CancellationToken abandon)
    {
        var wire = chunk.ToBytes();
        var lostOn = new List<string>();
        var lostSilos = new HashSet<string>();
        Exception? last = null;
        for (var attempt = 1; attempt <= options.MaxChunkAttempts; attempt++)
        {
            var grain = grains.GetGrain<IChunkGrain>(Guid.NewGuid());
            NodeInfo? node = null;
            CancellationTokenSource? lost = null;
            var lease = _placement.Place(lostSilos);
            try
            {
                node = await grain.StartAsync(wire).WaitAsync(abandon).ConfigureAwait(false);
                lease.Landed(node.Silo);
                view.Seen(node);
                lost = view.WatchLoss(node.Silo);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(abandon, lost.Token);
                while (true)
                {
                    var poll = await grain.PollAsync(options.PollWait).WaitAsync(either.Token).ConfigureAwait(false);
                    if (poll.Result is { } result)
                    {
                        return new ChunkSettled(ChunkResult.FromBytes(result), node, lostOn, null);
                    }

                    if (poll.Unknown)
                    {
                        throw new NodeLostException($"the activation running the chunk on {node} is gone");
                    }

                    if (poll.NodeFault is { } fault)
                    {
                        throw new NodeLostException($"the node's pool failed: {fault}");
                    }
                }
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                // The map is over (cancelled, or its consumer left): stop the chunk where it runs, best effort.
                _ = grain.CancelAsync().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                return null;
            }
            catch (Exception e)
            {
                last = e is OperationCanceledException ? new NodeLostException($"{node} left the cluster") : e;
                // A start that failed may have failed on the way (a dead gateway), not on the silo it was sent to,
                // so only a silo that ran the chunk is avoided next time; the report still says where it was headed.
                lostOn.Add(node?.ToString() ?? $"silo {lease.Silo ?? "(placement's choice)"} (the call failed before the chunk started: {last.GetType().Name})");
                if (node is not null)
                {
                    lostSilos.Add(node.Silo);
                }
            }
            finally
            {
                lease.Dispose();
                if (lost is not null)
                {
                    view.Unwatch(lost);
                }
            }

            try
            {
                // Give the membership time to declare the node dead, so the next placement avoids it.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 50 << Math.Min(attempt, 6))), abandon).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        var error = new ClusterUnavailableException(
            $"Tasks {chunk.FirstIndex}..{chunk.FirstIndex + chunk.Count - 1} of task '{chunk.TaskName}' could not run: all {options.MaxChunkAttempts} attempts " +
            $"were lost with their node ({string.Join("; ", lostOn)}). The cluster has no silo left that answers. Last error: {last?.Message}", last);
        return new ChunkSettled(null, null, lostOn, error);
    }

    private sealed class NodeLostException(string message) : Exception(message);
}
