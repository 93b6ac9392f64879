using System.Buffers;
using Interop.Cluster.Grains;
using Interop.Runtime.Processes;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Interop.Cluster.Hosting;

/// <summary>
/// The local <see cref="ProcessPool"/> a silo hosts, started with the silo and killed with it, and the
/// one place a chunk from the wire becomes local pool work and its outcomes become wire results.
/// </summary>
internal sealed class SiloPool(TaskRegistry registry, PoolOptions options, ILocalSiloDetails silo) : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, WorkerTask> _tasks = registry.Tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
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
    /// Runs the chunk's tasks on the local pool, spread over its workers, and returns one answer per task.
    /// Arguments and results stay encoded: the silo runs a pass-through task under the real task's name,
    /// so only the workers (which hold the real registry) decode them.
    /// </summary>
    public async Task<ChunkResult> RunAsync(ChunkRequest request, CancellationToken cancellationToken)
    {
        var pool = _pool ?? throw new InvalidOperationException("The silo's process pool has not started.");
        var sink = new ResultSink(request.Count);
        var timeout = request.Timeout ?? _tasks.GetValueOrDefault(request.TaskName)?.Timeout;
        var passThrough = new WorkerTask<ReadOnlyMemory<byte>, int>(
            request.TaskName, static _ => throw new InvalidOperationException("Runs only in workers."), timeout, RawArgument.Instance, sink);
        var failures = new List<TaskFailure>();
        var localChunk = Math.Max(1, (request.Count + pool.WorkerCount - 1) / pool.WorkerCount);
        await foreach (var outcome in pool.MapUnorderedAsync(passThrough, Slices(request), localChunk, cancellationToken).ConfigureAwait(false))
        {
            if (outcome.Succeeded)
            {
                sink.Place(outcome.Index, outcome.Result);
            }
            else if (Describe(outcome.Index, outcome.Error!) is { } failure)
            {
                failures.Add(failure);
            }
            else
            {
                // Not a task's answer (the pool was shut down under the chunk): the silo is going away.
                throw outcome.Error!;
            }
        }

        var (results, ends) = sink.Assemble();
        return new ChunkResult(Node, results, ends, [.. failures]);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Slices(ChunkRequest request)
    {
        var start = 0;
        foreach (var end in request.Ends)
        {
            yield return request.Arguments.AsMemory(start, end - start);
            start = end;
        }
    }

    private static TaskFailure? Describe(int position, Exception error) => error switch
    {
        WorkerTaskException e => new TaskFailure(position, FailureKind.Threw, e.Message, e.ProcessId, null, [], e.RemoteType,
            RemoteMessageOf(e), e.RemoteDetail),
        WorkerCrashedException e => new TaskFailure(position, FailureKind.Crashed, e.Message, e.ProcessId, e.ExitCode, [.. e.StandardErrorTail], "", "", ""),
        TimeoutException e => new TaskFailure(position, FailureKind.TimedOut, e.Message, 0, null, [], "", "", ""),
        OperationCanceledException e => new TaskFailure(position, FailureKind.Canceled, e.Message, 0, null, [], "", "", ""),
        _ => null,
    };

    // WorkerTaskException keeps the remote message only inside its own message, after a fixed prefix.
    private static string RemoteMessageOf(WorkerTaskException e)
    {
        var prefix = $"Task '{e.TaskName}' threw {e.RemoteType} in worker process {e.ProcessId}: ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }

    /// <summary>Arguments pass through as the bytes the client's codec wrote.</summary>
    private sealed class RawArgument : PayloadCodec<ReadOnlyMemory<byte>>
    {
        public static readonly RawArgument Instance = new();

        public override void Write(ReadOnlyMemory<byte> value, IBufferWriter<byte> output) => output.Write(value.Span);

        public override ReadOnlyMemory<byte> Read(ReadOnlySpan<byte> data) => data.ToArray();
    }

    /// <summary>
    /// Results pass through too: each is copied, as the worker encoded it, into one buffer, and "decoding"
    /// returns where it landed. Results of one chunk arrive from several workers at once, hence the lock.
    /// </summary>
    private sealed class ResultSink(int count) : PayloadCodec<int>
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly List<(int Offset, int Length)> _slots = [];
        private readonly (int Slot, bool Set)[] _byPosition = new (int, bool)[count];
        private readonly Lock _lock = new();

        public override void Write(int value, IBufferWriter<byte> output) => throw new NotSupportedException();

        public override int Read(ReadOnlySpan<byte> data)
        {
            lock (_lock)
            {
                var offset = _buffer.WrittenCount;
                _buffer.Write(data);
                _slots.Add((offset, data.Length));
                return _slots.Count - 1;
            }
        }

        public void Place(int position, int slot) => _byPosition[position] = (slot, true);

        public (byte[] Results, int[] Ends) Assemble()
        {
            var written = _buffer.WrittenSpan;
            var results = new byte[written.Length];
            var ends = new int[_byPosition.Length];
            var at = 0;
            for (var i = 0; i < _byPosition.Length; i++)
            {
                if (_byPosition[i] is (var slot, true))
                {
                    var (offset, length) = _slots[slot];
                    written.Slice(offset, length).CopyTo(results.AsSpan(at));
                    at += length;
                }

                ends[i] = at;
            }

            return (results, ends);
        }
    }
}
