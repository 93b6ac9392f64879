using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using CliWrap;

namespace Interop.Runtime.Processes;

/// <summary>
/// The parent's side of one worker process: starts it with CliWrap, keeps its stdout and stderr off
/// the protocol (forwarded line by line, with the last stderr lines remembered), sends it batches over
/// its socket and watches each batch. This is where a dying worker becomes a
/// <see cref="WorkerCrashedException"/> (<see cref="ObserveCrashAsync"/>) and a hung one is killed.
/// </summary>
internal sealed class WorkerSupervisor : IAsyncDisposable
{
    private const int StandardErrorTailLines = 50;

    private readonly CancellationTokenSource _kill = new();
    private readonly Queue<string> _stderrTail = new();
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FrameWriter _writer = new();
    private Task<int?> _exit = Task.FromResult<int?>(null);
    private Socket? _socket;
    private NetworkStream? _stream;
    private InFlight? _current;
    private long _lastProgress;

    private WorkerSupervisor()
    {
    }

    public int ProcessId { get; private set; }

    /// <summary>Tasks this worker has reported on (results and task exceptions).</summary>
    public int TasksCompleted { get; private set; }

    public bool IsAlive => !_disconnected.Task.IsCompleted && !_exit.IsCompleted;

    public static async Task<WorkerSupervisor> StartAsync(
        PoolOptions options, WorkerCommand command, WorkerListener listener, Action<WorkerOutputLine> output, CancellationToken cancellationToken)
    {
        var worker = new WorkerSupervisor();
        var token = WorkerListener.NewToken();
        var arrival = listener.ExpectAsync(token);
        try
        {
            var environment = new Dictionary<string, string?>
            {
                [ProcessWorker.EndpointVariable] = listener.Endpoint,
                [ProcessWorker.TokenVariable] = token,
                // A crashing worker must not spend seconds writing a dump.
                ["DOTNET_DbgEnableMiniDump"] = "0",
            };
            foreach (var (name, value) in options.EnvironmentVariables ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }

            var cli = Cli.Wrap(command.TargetFilePath)
                .WithArguments([.. command.Arguments, ProcessWorker.WorkerArgument])
                .WithEnvironmentVariables(environment)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => output(new(worker.ProcessId, false, line))))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
                {
                    worker.RememberStandardError(line);
                    output(new(worker.ProcessId, true, line));
                }));

            var execution = cli.ExecuteAsync(worker._kill.Token);
            worker.ProcessId = execution.ProcessId;
            worker._exit = ObserveExitAsync(execution.Task);

            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startTimeout.CancelAfter(options.StartTimeout);
            var first = await Task.WhenAny(arrival, worker._exit, Task.Delay(Timeout.Infinite, startTimeout.Token)).ConfigureAwait(false);
            await startTimeout.CancelAsync().ConfigureAwait(false); // release the start timer
            if (first != arrival)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ended = worker._exit.IsCompleted;
                await worker.KillAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    (ended
                        ? $"Worker process {worker.ProcessId} ({command.TargetFilePath}) exited with code {worker._exit.Result} before connecting. " +
                          $"Does its Main call ProcessWorker.Run when it gets {ProcessWorker.WorkerArgument}?"
                        : $"Worker process {worker.ProcessId} ({command.TargetFilePath}) did not connect within {options.StartTimeout.TotalSeconds:0.#} s.") +
                    worker.DescribeStandardError());
            }

            (worker._socket, _) = arrival.Result;
            worker._stream = new NetworkStream(worker._socket, ownsSocket: false);
            _ = worker.ReadLoopAsync();
            return worker;
        }
        catch
        {
            listener.Forget(token);
            if (arrival.IsCompletedSuccessfully)
            {
                arrival.Result.Socket.Dispose();
            }

            await worker.KillAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="batch"/> and waits until all of its tasks reported, the worker died, no
    /// task reported for <paramref name="timeout"/>, or <paramref name="abandon"/> fired. Results are
    /// delivered to the batch's call as they arrive.
    /// </summary>
    public async Task<BatchOutcome> RunAsync(WorkBatch batch, TimeSpan timeout, CancellationToken abandon)
    {
        var inFlight = new InFlight(batch);
        _current = inFlight;
        Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
        try
        {
            _writer.Begin(FrameKind.Run);
            _writer.WriteInt64(batch.Id);
            _writer.WriteString(batch.Call.Task.Name);
            _writer.WriteInt32(batch.Count);
            _writer.WriteBlocks(batch.Arguments, batch.Ends, batch.First, batch.Count);

            _writer.End();
            await _writer.WriteToAsync(_stream!, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The worker is already gone; the read loop reports the disconnect.
        }

        using var abandoned = new CancellationTokenSource();
        using var link = abandon.Register(() => abandoned.Cancel());
        var abandonTask = Task.Delay(Timeout.Infinite, abandoned.Token);
        try
        {
            return await WatchAsync(inFlight, timeout, abandon, abandonTask, abandoned.Token).ConfigureAwait(false);
        }
        finally
        {
            // Cancels this batch's timeout timers now rather than when they would have fired.
            await abandoned.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<BatchOutcome> WatchAsync(InFlight inFlight, TimeSpan timeout, CancellationToken abandon, Task abandonTask, CancellationToken timers)
    {
        var batch = inFlight.Batch;
        while (true)
        {
            var waits = new List<Task> { inFlight.Done.Task, _disconnected.Task, abandonTask };
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                var idle = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress));
                waits.Add(Task.Delay(timeout - idle < TimeSpan.Zero ? TimeSpan.Zero : timeout - idle, timers));
            }

            await Task.WhenAny(waits).ConfigureAwait(false);
            if (inFlight.Done.Task.IsCompleted)
            {
                return BatchOutcome.Completed;
            }

            if (_disconnected.Task.IsCompleted)
            {
                return new BatchOutcome(BatchEnd.Crashed, inFlight.Unreported(), await ObserveCrashAsync(batch.Call.Task.Name).ConfigureAwait(false));
            }

            if (abandon.IsCancellationRequested)
            {
                await KillAndDrainAsync().ConfigureAwait(false);
                return new BatchOutcome(BatchEnd.Abandoned, inFlight.Unreported());
            }

            if (timeout != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress)) >= timeout)
            {
                await KillAndDrainAsync().ConfigureAwait(false);
                return new BatchOutcome(BatchEnd.TimedOut, inFlight.Unreported());
            }
        }
    }

    /// <summary>Asks the worker to exit, and kills it if it has not within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            _writer.Begin(FrameKind.Shutdown);
            _writer.End();
            await _writer.WriteToAsync(_stream!, CancellationToken.None).ConfigureAwait(false);
            await _exit.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or TimeoutException or NullReferenceException)
        {
        }

        await KillAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the worker (and anything it started) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_kill.IsCancellationRequested)
        {
            await _kill.CancelAsync().ConfigureAwait(false);
        }

        await _exit.ConfigureAwait(false);
        _socket?.Dispose();
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    // After a kill the read loop may still be handing out frames the worker sent before it died;
    // wait for it so the list of unreported tasks is final.
    private async Task KillAndDrainAsync()
    {
        await KillAsync().ConfigureAwait(false);
        await _disconnected.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// The worker closed its connection while a batch was running: wait for the process to end (its
    /// stderr is fully read by then) and describe how it ended.
    /// </summary>
    private async Task<WorkerCrashedException> ObserveCrashAsync(string taskName)
    {
        int? exitCode;
        try
        {
            exitCode = await _exit.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // It hung up on us but lingers: finish it, its exit code would only say "killed by us".
            await KillAsync().ConfigureAwait(false);
            exitCode = null;
        }

        await KillAsync().ConfigureAwait(false);
        lock (_stderrTail)
        {
            return new WorkerCrashedException(taskName, ProcessId, exitCode, [.. _stderrTail]);
        }
    }

    private static async Task<int?> ObserveExitAsync(Task<CommandResult> execution)
    {
        try
        {
            return (await execution.ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null; // killed by us
        }
    }

    private async Task ReadLoopAsync()
    {
        // Results arrive as bursts of frames: receive whatever is there into one buffer and handle every
        // complete frame in it synchronously, instead of two awaited reads per frame.
        // Only this loop reads; writes go straight to the socket stream.
        var socket = _socket!;
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                while (end - start >= FrameProtocol.HeaderSize)
                {
                    var length = FrameProtocol.ParseHeader(buffer.AsSpan(start, FrameProtocol.HeaderSize), out var kind);
                    if (end - start - FrameProtocol.HeaderSize < length)
                    {
                        if (FrameProtocol.HeaderSize + length > buffer.Length)
                        {
                            var grown = new byte[Math.Max(FrameProtocol.HeaderSize + length, buffer.Length * 2)];
                            buffer.AsSpan(start, end - start).CopyTo(grown);
                            (buffer, end, start) = (grown, end - start, 0);
                        }

                        break;
                    }

                    HandleFrame(kind, buffer.AsSpan(start + FrameProtocol.HeaderSize, length));
                    start += FrameProtocol.HeaderSize + length;
                }

                if (start == end)
                {
                    start = end = 0;
                }
                else if (start > 0 && buffer.Length - end < 4096)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    (end, start) = (end - start, 0);
                }

                var received = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, CancellationToken.None).ConfigureAwait(false);
                if (received == 0)
                {
                    if (end != start)
                    {
                        throw new EndOfStreamException("The connection closed inside a frame.");
                    }

                    break;
                }

                end += received;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidDataException or ArgumentOutOfRangeException)
        {
            // A protocol violation is treated like a crash: the worker is killed and replaced.
            if (e is InvalidDataException)
            {
                RememberStandardError($"[pool] {e.Message}");
            }
        }
        finally
        {
            _disconnected.TrySetResult();
        }
    }

    private void HandleFrame(FrameKind kind, ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        if (kind is not (FrameKind.Result or FrameKind.FixedResult or FrameKind.Error))
        {
            throw new InvalidDataException($"Unexpected frame {kind} from worker {ProcessId}.");
        }

        var batchId = reader.ReadInt64();
        var position = reader.ReadInt32();
        var inFlight = _current;
        if (inFlight is null || inFlight.Batch.Id != batchId)
        {
            throw new InvalidDataException($"Worker {ProcessId} answered a task it was not given.");
        }

        var batch = inFlight.Batch;
        var call = inFlight.Batch.Call;
        // Every frame is checked whole before its positions are marked reported, so a malformed frame cannot mark
        // tasks reported that were never settled.
        if (kind == FrameKind.Result)
        {
            var count = reader.ReadInt32();
            if (count <= 0)
            {
                throw new InvalidDataException($"Worker {ProcessId} sent an empty result frame.");
            }

            var check = reader;
            for (var i = 0; i < count; i++)
            {
                var length = check.Rest.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(check.Rest) : -1;
                if (length < 0 || length > check.Rest.Length - 4)
                {
                    throw MalformedResult();
                }

                check.ReadBlock();
            }

            MarkReported(inFlight, position, count);
            call.TryDeliverRun(ref reader, batch.First + position, count);
        }
        else if (kind == FrameKind.FixedResult)
        {
            var count = reader.ReadInt32();
            var size = reader.ReadInt32();
            if (count <= 0 || size < 0 || (long)count * size != reader.Rest.Length)
            {
                throw MalformedResult();
            }

            MarkReported(inFlight, position, count);
            call.TryDeliverFixedRun(reader.Rest, batch.First + position, count, size);
        }
        else
        {
            var error = new WorkerTaskException(call.Task.Name, ProcessId, reader.ReadString(), reader.ReadString(), reader.ReadString());
            MarkReported(inFlight, position, 1);
            call.TryFail(batch.First + position, error);
        }

        Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
        inFlight.CompleteIfDone();
    }

    private InvalidDataException MalformedResult() => new($"Worker {ProcessId} sent a malformed result frame.");

    // Counts the tasks a frame answers; a frame for positions the worker was not given (or already answered) is a protocol fault.
    private void MarkReported(InFlight inFlight, int first, int count)
    {
        if (!inFlight.MarkReported(first, count))
        {
            throw new InvalidDataException($"Worker {ProcessId} answered a task it was not given.");
        }

        TasksCompleted += count;
    }

    private void RememberStandardError(string line)
    {
        lock (_stderrTail)
        {
            if (_stderrTail.Count == StandardErrorTailLines)
            {
                _stderrTail.Dequeue();
            }

            _stderrTail.Enqueue(line);
        }
    }

    private string DescribeStandardError()
    {
        lock (_stderrTail)
        {
            return _stderrTail.Count == 0 ? "" : " Its stderr ended with:" + Environment.NewLine + string.Join(Environment.NewLine, _stderrTail);
        }
    }

    /// <summary>Which tasks of the batch on the wire have reported.</summary>
    private sealed class InFlight(WorkBatch batch)
    {
        private readonly bool[] _reported = new bool[batch.Count];
        private int _remaining = batch.Count;

        public WorkBatch Batch { get; } = batch;

        // Completed by the read loop; the watcher continues synchronously there and hands the worker its
        // next batch without a hop through the thread pool (the pool's own code, never user code).
        public TaskCompletionSource Done { get; } = new();

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
                Done.TrySetResult();
            }
        }

        // Only called once the read loop has finished with the batch.
        public IReadOnlyList<int> Unreported() => [.. Enumerable.Range(0, _reported.Length).Where(p => !_reported[p])];
    }
}
