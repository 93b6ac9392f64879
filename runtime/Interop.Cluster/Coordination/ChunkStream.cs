using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Interop.Cluster.Grains;
using Interop.Runtime.Processes;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Cluster.Coordination;

/// <summary>
/// The coordinator of one map: pulls arguments from the input only as fast as chunks settle (at most
/// <see cref="ClusterView.InFlightBound"/> chunks in flight, so a lazy input of any length runs in constant
/// memory), encodes each chunk with the task's codec, runs it through <see cref="ChunkAttempts"/> and yields
/// the settled chunks in completion order. Each chunk settles exactly once, so each index gets exactly one
/// answer (first wins: attempts of a chunk are sequential, and a lost attempt's answer never arrives).
/// </summary>
internal sealed class ChunkStream<TArg, TResult>(
    ClusterView view, ChunkAttempts attempts, ClusterPoolOptions options, WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize)
{
    /// <summary>
    /// The settled chunks. On cancellation, yields what is left as cancelled: in-flight chunks, then the rest of
    /// the input, enumerated (not run) so every index still gets one outcome, as the local pool does.
    /// </summary>
    /// <param name="held">Chunks the consumer holds back (an ordered map's reorder buffer): they count against the in-flight bound.</param>
    /// <param name="cancellationToken">Cancels the map.</param>
    public async IAsyncEnumerable<Settlement> RunAsync(Func<int>? held, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var entered = await view.EnterAsync(cancellationToken).ConfigureAwait(false);
        var settled = Channel.CreateUnbounded<(EncodedChunk Chunk, long Started, ChunkSettled? Outcome)>(new UnboundedChannelOptions { SingleReader = true });
        var inFlight = new HashSet<EncodedChunk>();
        int? knownCount = arguments.TryGetNonEnumeratedCount(out var count) ? count : null;
        var sizer = new ChunkSizer(chunkSize, knownCount, () => view.WorkerCount);
        using var input = arguments.GetEnumerator();
        var next = 0;
        var exhausted = false;
        try
        {
            while (true)
            {
                while (!exhausted && inFlight.Count + (held?.Invoke() ?? 0) < view.InFlightBound && !cancellationToken.IsCancellationRequested)
                {
                    var chunk = Cut(input, next, sizer.Next());
                    if (chunk is null)
                    {
                        exhausted = true;
                        break;
                    }

                    next += chunk.Count;
                    inFlight.Add(chunk);
                    var started = Stopwatch.GetTimestamp();
                    _ = attempts.RunAsync(chunk, abandon.Token).ContinueWith(
                        (t, state) => settled.Writer.TryWrite(((EncodedChunk)state!, started, t.Result)),
                        chunk, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                if (inFlight.Count == 0 || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var (done, since, outcome) = await ReadAsync(settled.Reader, cancellationToken).ConfigureAwait(false);
                if (done is null)
                {
                    break; // cancelled while waiting
                }

                inFlight.Remove(done);
                if (outcome is null)
                {
                    continue; // abandoned: only on cancellation, handled below
                }

                if (outcome.ClusterError is { } error)
                {
                    throw error;
                }

                sizer.Observe(done.Count, Stopwatch.GetElapsedTime(since));
                options.ChunkSettled?.Invoke(new ChunkReport(done.FirstIndex, done.Count, outcome.Node!.ToString(), outcome.LostOn));
                yield return new Settlement(done.FirstIndex, done.Count, outcome.Result, outcome.Node);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            // Cancelled: what is in flight and what was never read all answer "cancelled".
            foreach (var chunk in inFlight)
            {
                yield return new Settlement(chunk.FirstIndex, chunk.Count, null, null);
            }

            var rest = next;
            while (!exhausted && input.MoveNext())
            {
                rest++;
            }

            if (rest > next)
            {
                yield return new Settlement(next, rest - next, null, null);
            }
        }
        finally
        {
            await abandon.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task<(EncodedChunk?, long, ChunkSettled?)> ReadAsync(
        ChannelReader<(EncodedChunk Chunk, long Started, ChunkSettled? Outcome)> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, 0, null);
        }
    }

    /// <summary>The next chunk of up to <paramref name="size"/> arguments, encoded as the local pool encodes them; null at the end of the input.</summary>
    private EncodedChunk? Cut(IEnumerator<TArg> input, int first, int size)
    {
        var chunk = EncodedChunk.Encode(task, Take(input, size), first);
        return chunk.Count == 0 ? null : chunk;
    }

    private static IEnumerable<TArg> Take(IEnumerator<TArg> input, int size)
    {
        for (var i = 0; i < size && input.MoveNext(); i++)
        {
            yield return input.Current;
        }
    }

    /// <summary>Tasks <paramref name="First"/>.. settled: their answers, or null when they were cancelled.</summary>
    internal readonly record struct Settlement(int First, int Count, ChunkResult? Result, NodeInfo? Node);
}
