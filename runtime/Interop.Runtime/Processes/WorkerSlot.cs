using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// One worker's connection and life, from the parent's side: it sends the worker one chunk at a time, reads its
/// answers on a thread of its own (<see cref="FrameReceiver"/>), settles them into the chunk's call as they
/// arrive, and says how each chunk ended: completed, crashed (the worker died or broke the protocol, see
/// <see cref="CrashTriage"/>), timed out or abandoned (the worker was killed). Replacing a dead worker is the
/// pool's job, not the slot's.
/// </summary>
internal sealed class WorkerSlot : IAsyncDisposable
{
    private readonly WorkerLaunch _process;
    private readonly Socket _socket;
    private readonly FrameWriter _writer = new();
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InFlight? _current;
    private long _lastProgress;
    private int _tasksCompleted;

    private WorkerSlot(WorkerLaunch process, Socket socket)
    {
        _process = process;
        _socket = socket;
    }

    public int ProcessId => _process.ProcessId;

    /// <summary>Tasks this worker has reported on (results and task exceptions).</summary>
    public int TasksCompleted => Volatile.Read(ref _tasksCompleted);

    public bool IsAlive => !_disconnected.Task.IsCompleted && !_process.Exit.IsCompleted;

    /// <summary>Completes when the connection is gone (the worker exited, was killed, or broke the protocol).</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>Launches a worker and returns once it has connected and said hello.</summary>
    public static async Task<WorkerSlot> StartAsync(
        PoolOptions options, WorkerCommand command, WorkerListener listener, Action<WorkerOutputLine> output, CancellationToken cancellationToken)
    {
        var token = WorkerListener.NewToken();
        var arrival = listener.ExpectAsync(token);
        WorkerLaunch? process = null;
        try
        {
            process = WorkerLaunch.Start(options, command, listener.Endpoint, token, output);
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startTimeout.CancelAfter(options.StartTimeout);
            var first = await Task.WhenAny(arrival, process.Exit, Task.Delay(Timeout.Infinite, startTimeout.Token)).ConfigureAwait(false);
            await startTimeout.CancelAsync().ConfigureAwait(false); // release the start timer
            if (first != arrival)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exited = process.Exit.IsCompleted;
                await process.KillAsync().ConfigureAwait(false);
                throw CrashTriage.StartFailure(process, exited, options.StartTimeout);
            }

            var slot = new WorkerSlot(process, arrival.Result.Socket);
            new Thread(slot.Receive) { IsBackground = true, Name = $"pool worker {process.ProcessId}" }.Start();
            return slot;
        }
        catch
        {
            listener.Forget(token);
            if (arrival.IsCompletedSuccessfully)
            {
                arrival.Result.Socket.Dispose();
            }

            if (process is not null)
            {
                await process.KillAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="chunk"/> and waits until all of its tasks reported, the worker died, no task reported
    /// for <paramref name="timeout"/>, or <paramref name="abandon"/> fired. Results are settled into the chunk's
    /// call as they arrive, on the slot's reader thread.
    /// </summary>
    public async Task<ChunkEnding> RunAsync(PendingChunk chunk, TimeSpan timeout, CancellationToken abandon)
    {
        if (_disconnected.Task.IsCompleted)
        {
            return ChunkEnding.NotSent; // died idle: nothing of this chunk ran here
        }

        var inFlight = new InFlight(chunk);
        Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
        Volatile.Write(ref _current, inFlight);
        if (_disconnected.Task.IsCompleted)
        {
            inFlight.End(ChunkEnd.Crashed); // the reader finished before it could see this chunk
        }

        try
        {
            RunMessage.Write(_writer, chunk.Id, chunk.Chunk);
            // A blocking send, never SendAsync: one asynchronous operation turns a .NET socket non-blocking for good,
            // and the reader thread's blocking Receive then waits through the sockets event thread (one more thread
            // wake-up per answer: 33-83 us round trips instead of 21-27 us). The worker is idle and reading while a
            // chunk is sent to it, so the send returns once the bytes are in its socket buffer.
            _writer.SendTo(_socket);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The worker is already gone; the reader reports the disconnect.
        }

        var registration = abandon.CanBeCanceled
            ? abandon.UnsafeRegister(static state => ((InFlight)state!).End(ChunkEnd.Abandoned), inFlight)
            : default;
        using var idle = timeout == Timeout.InfiniteTimeSpan ? null : inFlight.WatchIdle(new Timer(CheckIdle, inFlight, timeout, Timeout.InfiniteTimeSpan), timeout);
        ChunkEnd end;
        try
        {
            end = await inFlight.Ended.ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }

        switch (end)
        {
            case ChunkEnd.Completed:
                return ChunkEnding.Completed;
            case ChunkEnd.Crashed:
                await _disconnected.Task.ConfigureAwait(false);
                return new ChunkEnding(end, inFlight.Unreported(), await CrashTriage.ObserveCrashAsync(_process, chunk.Chunk.TaskName).ConfigureAwait(false));
            default:
                // Timed out or abandoned: kill, then let the reader hand out what the worker sent before it died,
                // so the list of unreported tasks is final.
                await KillAsync().ConfigureAwait(false);
                await _disconnected.Task.ConfigureAwait(false);
                return new ChunkEnding(end, inFlight.Unreported());
        }
    }

    /// <summary>Asks the worker to exit, and kills it if it has not within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            ShutdownMessage.Write(_writer);
            _writer.SendTo(_socket);
            await _process.Exit.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or TimeoutException)
        {
        }

        await KillAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the worker (and anything it started) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        await _process.KillAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    // Progress-based: the timer fires `timeout` after the last report, not after the chunk started.
    private void CheckIdle(object? state)
    {
        var inFlight = (InFlight)state!;
        var idle = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress));
        if (inFlight.IsEnded)
        {
            return;
        }

        if (idle >= inFlight.Timeout)
        {
            inFlight.End(ChunkEnd.TimedOut);
        }
        else
        {
            try
            {
                inFlight.Idle!.Change(inFlight.Timeout - idle, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    // The slot's reader thread: the only reader of the socket.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Receive()
    {
        var receiver = new FrameReceiver(_socket, $"worker process {ProcessId}");
        try
        {
            while (receiver.Next(out var kind, out var body))
            {
                Handle(receiver, kind, body);
            }
        }
        catch (ProtocolViolationException e)
        {
            // A worker that breaks the protocol is treated like a crash: killed, and the reason ends its stderr tail.
            _process.RememberStandardError($"[pool] {e.Message}");
            _process.Kill();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _disconnected.TrySetResult();
            Volatile.Read(ref _current)?.End(ChunkEnd.Crashed);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Handle(FrameReceiver receiver, FrameKind kind, ReadOnlySpan<byte> body)
    {
        var inFlight = Volatile.Read(ref _current);
        long chunkId;
        int first, count;
        try
        {
            switch (kind)
            {
                case FrameKind.Results or FrameKind.FixedResults:
                    var results = ResultsMessage.Read(kind, body);
                    (chunkId, first, count) = (results.ChunkId, results.First, results.Count);
                    Claim(receiver, inFlight, chunkId, first, count).Call.Deliver(results, inFlight!.Chunk.CallIndex(first));
                    break;
                case FrameKind.TaskError:
                    var error = TaskErrorMessage.Read(body);
                    var claimed = Claim(receiver, inFlight, error.ChunkId, error.Position, 1);
                    claimed.Call.Fail(inFlight!.Chunk.CallIndex(error.Position),
                        new WorkerTaskException(claimed.Chunk.TaskName, ProcessId, error.Type, error.Message, error.Detail));
                    count = 1;
                    break;
                default:
                    throw receiver.Violation($"it sent a {kind} frame, which only the pool sends or only comes first");
            }
        }
        catch (InvalidDataException e)
        {
            throw receiver.Violation(e.Message);
        }

        Interlocked.Add(ref _tasksCompleted, count);
        Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
        inFlight!.CompleteIfDone();
    }

    // A frame for a chunk or positions the worker was not given (or already answered) is a protocol violation;
    // nothing is settled unless all of its positions are new.
    private static PendingChunk Claim(FrameReceiver receiver, InFlight? inFlight, long chunkId, int first, int count)
    {
        if (inFlight is null || inFlight.Chunk.Id != chunkId)
        {
            throw receiver.Violation($"it answered chunk {chunkId}, which it was not running");
        }

        if (!inFlight.MarkReported(first, count))
        {
            throw receiver.Violation($"it answered positions {first}..{first + count - 1} of a chunk of {inFlight.Chunk.Chunk.Count}, not all of them new");
        }

        return inFlight.Chunk;
    }

    /// <summary>Which tasks of the chunk on the wire have reported, and how the chunk ended.</summary>
    private sealed class InFlight(PendingChunk chunk)
    {
        private readonly bool[] _reported = new bool[chunk.Chunk.Count];
        private int _remaining = chunk.Chunk.Count;

        // Completed by the reader thread; the slot loop continues synchronously there and hands the worker its
        // next chunk without a hop through the thread pool (the pool's own code, never user code).
        private readonly TaskCompletionSource<ChunkEnd> _ended = new();

        public PendingChunk Chunk { get; } = chunk;

        public Timer? Idle { get; private set; }

        public TimeSpan Timeout { get; private set; }

        public Timer WatchIdle(Timer timer, TimeSpan timeout)
        {
            (Idle, Timeout) = (timer, timeout);
            return timer;
        }

        public Task<ChunkEnd> Ended => _ended.Task;

        public bool IsEnded => _ended.Task.IsCompleted;

        public void End(ChunkEnd end) => _ended.TrySetResult(end);

        /// <summary>Marks positions <paramref name="first"/> … +<paramref name="count"/>; marks nothing unless all are new.</summary>
        public bool MarkReported(int first, int count)
        {
            if (first < 0 || count < 1 || first > _reported.Length - count || _reported.AsSpan(first, count).Contains(true))
            {
                return false;
            }

            _reported.AsSpan(first, count).Fill(true);
            _remaining -= count;
            return true;
        }

        public void CompleteIfDone()
        {
            if (_remaining == 0)
            {
                End(ChunkEnd.Completed);
            }
        }

        // Only called once the reader has finished with the chunk.
        public IReadOnlyList<int> Unreported() => [.. Enumerable.Range(0, _reported.Length).Where(p => !_reported[p])];
    }
}
