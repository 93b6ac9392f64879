using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// A pool of worker processes, the counterpart of Python's <c>multiprocessing.Pool</c>: ordered map
/// (<c>map</c>), ordered and unordered streaming maps (<c>imap</c>, <c>imap_unordered</c>), single submit
/// (<c>apply</c>), chunking, per-task timeouts, cancellation, recycling (<c>maxtasksperchild</c>) and graceful
/// or forced shutdown. Its reason to exist in .NET is isolation: native code that segfaults, aborts, hangs or
/// corrupts global state takes down one worker and fails one task (<see cref="WorkerCrashedException"/>,
/// <see cref="TimeoutException"/>); the pool replaces the worker and every other task completes.
/// </summary>
/// <remarks>
/// <para>Data flow: a call's arguments are encoded into <see cref="EncodedChunk"/>s and queued; each worker slot
/// takes one chunk at a time, sends it as one run frame and settles the answers into the call as they arrive
/// (Protocol/README.md draws it). Every task is settled exactly once. When a worker dies in the middle of a
/// chunk, the tasks of that chunk it had not yet reported run again one by one on fresh workers, so the task that
/// crashes is identified and the others complete; a task of a crashed chunk may therefore execute twice (its
/// result is still delivered once). Chunks of one task never run twice.</para>
/// </remarks>
public sealed class ProcessPool : ITaskPool, IDisposable
{
    private static readonly Meter s_meter = new("Interop.Runtime.Processes");
    private static readonly Counter<long> s_events = s_meter.CreateCounter<long>("interop.pool.worker.events", description: "Worker starts, crashes, kills and recycles, by kind.");

    private readonly PoolOptions _options;
    private readonly WorkerCommand _command;
    private readonly WorkerListener _listener;
    private readonly ChunkQueue _queue = new();
    private readonly CancellationTokenSource _kill = new();
    private readonly ConcurrentDictionary<WorkerSlot, byte> _workers = new();
    private readonly ConcurrentDictionary<WorkerSlot, byte> _retiring = new();
    private readonly Action<WorkerOutputLine> _output;
    private readonly WarmSpares _spares;
    private readonly long[] _counts = new long[4];
    private TaskCompletionSource _strengthChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task[] _slots = [];
    private Exception? _fault;
    private int _state; // 0 running, 1 shutting down, 2 killed

    private ProcessPool(PoolOptions options)
    {
        options.Validate();
        if (Environment.GetEnvironmentVariable(ProcessWorker.EndpointVariable) is { Length: > 0 })
        {
            // A worker whose Main forgot to call ProcessWorker.Run would otherwise start a pool of its own, and so on.
            throw new InvalidOperationException(
                $"This process was started as a pool worker but is creating a pool: call ProcessWorker.Run at the start of Main when args contain {ProcessWorker.WorkerArgument}.");
        }

        if (options.Worker is null && CrashTriage.InsideTestHost())
        {
            throw new InvalidOperationException(
                "A ProcessPool started inside a test runner needs PoolOptions.Worker = TestWorkers.For(typeof(YourTasks)) from the " +
                "Interop.Testing package: the test host's entry point cannot be started again as a worker. YourTasks is a class with " +
                "one public static TaskRegistry property or field holding the tasks the test maps (see Interop.Testing's README).");
        }

        _options = options;
        _command = options.Worker ?? WorkerCommand.CurrentApp();
        _output = options.WorkerOutput ?? ForwardToConsole;
        _listener = new WorkerListener();
        _spares = new WarmSpares(options.EffectiveSpareWorkers, StartWorkerAsync, _kill.Token);
    }

    /// <summary>Number of worker processes the pool keeps running.</summary>
    public int WorkerCount => _options.WorkerCount;

    /// <summary>Process ids of the workers serving now (a replaced worker's id leaves, its replacement's arrives).</summary>
    public IReadOnlyList<int> WorkerProcessIds => [.. _workers.Keys.Where(w => w.IsAlive).Select(w => w.ProcessId)];

    /// <summary>Counts of worker starts, respawns, crashes, kills and recycles so far.</summary>
    public PoolCounters Counters
    {
        get
        {
            var started = Volatile.Read(ref _counts[(int)PoolEventKind.Started]);
            return new PoolCounters(started, Math.Max(0, started - WorkerCount),
                Volatile.Read(ref _counts[(int)PoolEventKind.Crashed]), Volatile.Read(ref _counts[(int)PoolEventKind.Killed]),
                Volatile.Read(ref _counts[(int)PoolEventKind.Recycled]));
        }
    }

    /// <summary>
    /// Raised for every worker start, crash, kill and recycle, on the pool's own threads: keep handlers quick (log,
    /// count). An exception from a handler is ignored. The same events feed the
    /// <c>interop.pool.worker.events</c> counter of the <c>Interop.Runtime.Processes</c> meter.
    /// </summary>
    public event Action<PoolEvent>? WorkerEvent;

    /// <summary>Starts the pool and returns once every worker is running and connected.</summary>
    public static async Task<ProcessPool> StartAsync(PoolOptions? options = null, CancellationToken cancellationToken = default)
    {
        var pool = new ProcessPool(options ?? new PoolOptions());
        var started = Enumerable.Range(0, pool._options.WorkerCount)
            .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .ToArray();
        pool._slots = [.. started.Select(pool.RunSlotAsync)];
        try
        {
            await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await pool.KillAsync().ConfigureAwait(false);
            throw;
        }

        pool._spares.Refill();
        return pool;
    }

    /// <summary>
    /// Completes once <see cref="WorkerCount"/> workers are connected and serving: after a crash or a recycle the
    /// pool is briefly short of a worker while the replacement starts. Python's pool offers no such wait.
    /// Throws <see cref="ObjectDisposedException"/> if the pool shuts down, and <see cref="InvalidOperationException"/>
    /// if it can no longer start workers.
    /// </summary>
    public async Task WaitForFullStrengthAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _strengthChanged).Task;
            if (_fault is { } fault)
            {
                throw new InvalidOperationException("The process pool cannot start workers.", fault);
            }

            if (Volatile.Read(ref _state) != 0)
            {
                throw new ObjectDisposedException(nameof(ProcessPool), "The process pool is shutting down.");
            }

            if (_workers.Keys.Count(w => w.IsAlive) >= WorkerCount)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one task and returns its result, like <c>apply_async(...).get()</c>; a failure is the task's own exception.</summary>
    public async Task<TResult> SubmitAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, TArg argument, CancellationToken cancellationToken = default)
    {
        try
        {
            var results = await MapAsync(task, [argument], 1, cancellationToken).ConfigureAwait(false);
            return results[0];
        }
        catch (MapItemFailedException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerException!);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument and returns the results in input order, like <c>Pool.map</c>.
    /// If any task fails, throws, once all have settled, a <see cref="MapItemFailedException"/> for the first failed
    /// item: its index, its argument where it can be shown, and the failure as the inner exception.
    /// </summary>
    /// <param name="task">The task to run.</param>
    /// <param name="arguments">One argument per task; enumerated once, at the call.</param>
    /// <param name="chunkSize">Tasks sent to a worker at once; 0 picks <c>count / (4 × workers)</c> like Python.</param>
    /// <param name="cancellationToken">Fails the tasks not yet settled; running ones are stopped by killing their worker.</param>
    public Task<TResult[]> MapAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var all = EncodedChunk.Encode(task, arguments);
        if (all.Count == 0)
        {
            return Task.FromResult(Array.Empty<TResult>());
        }

        var call = new OrderedCall<TArg, TResult>(task, all, cancellationToken);
        Dispatch(call, all, chunkSize);
        return call.Completion;
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument and yields the outcomes in input order as they become
    /// available, like <c>imap</c>. The input is read lazily, a chunk at a time, and at most two chunks per worker
    /// are in flight, so a map over a lazy sequence of any length runs in bounded memory (Python's <c>imap</c>
    /// reads its whole input ahead). Failures are outcomes, not exceptions, as in <see cref="MapUnorderedAsync"/>.
    /// Stopping the enumeration early cancels the chunks still in flight.
    /// </summary>
    /// <param name="task">The task to run.</param>
    /// <param name="arguments">One argument per task; enumerated as the results are consumed.</param>
    /// <param name="chunkSize">Tasks sent to a worker at once; 0 picks <c>count / (4 × workers)</c> when the count is
    /// known without enumerating, else 256 (Python's default of 1 makes a long <c>imap</c> slow).</param>
    /// <param name="cancellationToken">Cancels the tasks not yet settled (they are yielded as cancelled).</param>
    public async IAsyncEnumerable<TaskOutcome<TResult>> MapOrderedAsync<TArg, TResult>(
        WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkSize);
        if (chunkSize == 0)
        {
            chunkSize = arguments.TryGetNonEnumeratedCount(out var count) ? DefaultChunkSize(count) : 256;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Queue<Task<ChunkResult>>();
        using var source = arguments.GetEnumerator();
        var next = 0;
        var exhausted = false;
        try
        {
            while (true)
            {
                while (!exhausted && inFlight.Count < 2 * WorkerCount)
                {
                    var chunk = EncodedChunk.Encode(task, TakeFrom(source, chunkSize), next);
                    exhausted = chunk.Count < chunkSize;
                    if (chunk.Count > 0)
                    {
                        inFlight.Enqueue(RunChunkAsync(chunk, chunk.Count, stop.Token));
                        next += chunk.Count;
                    }
                }

                if (!inFlight.TryDequeue(out var head))
                {
                    yield break;
                }

                var result = await head.ConfigureAwait(false);
                for (var position = 0; position < result.Count; position++)
                {
                    yield return result.DecodeAt(task, position);
                }
            }
        }
        finally
        {
            if (inFlight.Count > 0)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument and yields each outcome as soon as it is known, in
    /// completion order, like <c>imap_unordered</c>, except that failures are outcomes, not exceptions:
    /// <see cref="TaskOutcome{TResult}.Index"/> says which argument each one belongs to.
    /// </summary>
    /// <param name="task">The task to run.</param>
    /// <param name="arguments">One argument per task; enumerated once, at the call.</param>
    /// <param name="chunkSize">Tasks sent to a worker at once; 0 picks <c>count / (4 × workers)</c>.</param>
    /// <param name="cancellationToken">Cancels the tasks not yet settled (they are yielded as cancelled).</param>
    public async IAsyncEnumerable<TaskOutcome<TResult>> MapUnorderedAsync<TArg, TResult>(
        WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var all = EncodedChunk.Encode(task, arguments);
        if (all.Count == 0)
        {
            yield break;
        }

        var call = new StreamingCall<TResult>(task.Name, task.ResultCodec, all.Count, cancellationToken);
        Dispatch(call, all, chunkSize);
        // The channel completes once every task has settled, cancellation included, so no token here.
        await foreach (var outcome in call.Outcomes.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return outcome;
        }
    }

    /// <summary>
    /// Runs an already encoded chunk on this pool's workers and returns every task's outcome still encoded: how a
    /// chunk encoded on one machine runs on another (Interop.Cluster), unchanged. The chunk is cut into chunks of
    /// <paramref name="chunkSize"/> for this pool's workers (0: <c>count / (4 × workers)</c>). Crashes, timeouts and
    /// task exceptions are per-task failures in the result, never an exception of this call.
    /// </summary>
    public Task<ChunkResult> RunChunkAsync(EncodedChunk chunk, int chunkSize = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var call = new ChunkCall(chunk, cancellationToken);
        if (chunk.Count == 0)
        {
            return Task.FromResult(new ChunkResult.Builder(chunk.TaskName, chunk.FirstIndex, 0).Build());
        }

        Dispatch(call, chunk, chunkSize);
        return call.Completion;
    }

    /// <summary>
    /// Graceful shutdown, like <c>close()</c> + <c>join()</c>: no new work is accepted, queued and running
    /// tasks finish, then workers exit. If <paramref name="cancellationToken"/> fires first, the shutdown
    /// becomes <see cref="KillAsync"/>.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _queue.Complete();
            SignalStrength();
        }

        try
        {
            await Task.WhenAll(_slots).WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(_retiring.Keys.Select(w => w.Disconnected)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
            throw;
        }

        await _kill.CancelAsync().ConfigureAwait(false);
        await _spares.KillAllAsync().ConfigureAwait(false);
        _listener.Dispose();
    }

    /// <summary>
    /// Forced shutdown, like <c>terminate()</c>: workers are killed at once, and every task not yet
    /// settled fails with <see cref="ObjectDisposedException"/>. Returns when no worker process remains.
    /// </summary>
    public async Task KillAsync()
    {
        Interlocked.Exchange(ref _state, 2);
        _queue.Complete();
        SignalStrength();
        if (!_kill.IsCancellationRequested)
        {
            await _kill.CancelAsync().ConfigureAwait(false);
        }

        FailQueued(new ObjectDisposedException(nameof(ProcessPool), "The process pool was shut down before this task ran."));
        await Task.WhenAll(_slots).ConfigureAwait(false);
        await Task.WhenAll(_retiring.Keys.Select(w => w.KillAsync())).ConfigureAwait(false);
        await _spares.KillAllAsync().ConfigureAwait(false);
        FailQueued(new ObjectDisposedException(nameof(ProcessPool), "The process pool was shut down before this task ran."));
        _listener.Dispose();
    }

    /// <summary>Same as <see cref="KillAsync"/>: use <see cref="ShutdownAsync"/> first to let work finish.</summary>
    public ValueTask DisposeAsync() => new(KillAsync());

    /// <summary>Same as <see cref="KillAsync"/>, blocking.</summary>
    public void Dispose() => KillAsync().GetAwaiter().GetResult();

    private int DefaultChunkSize(int count) => Math.Max(1, (int)Math.Ceiling(count / (4.0 * _options.WorkerCount)));

    private static IEnumerable<T> TakeFrom<T>(IEnumerator<T> source, int count)
    {
        for (var i = 0; i < count && source.MoveNext(); i++)
        {
            yield return source.Current;
        }
    }

    private void Dispatch(TaskCall call, EncodedChunk all, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkSize);
        if (Volatile.Read(ref _state) != 0)
        {
            throw new ObjectDisposedException(nameof(ProcessPool), "The process pool is shutting down and accepts no new work.");
        }

        if (_fault is { } fault)
        {
            throw new InvalidOperationException("The process pool cannot start workers.", fault);
        }

        foreach (var chunk in all.Split(chunkSize == 0 ? DefaultChunkSize(all.Count) : chunkSize))
        {
            _queue.Enqueue(new PendingChunk(call, chunk));
        }

        call.ObserveCancellation();
    }

    private Task<WorkerSlot> StartWorkerAsync(CancellationToken cancellationToken) =>
        WorkerSlot.StartAsync(_options, _command, _listener, _output, cancellationToken);

    /// <summary>One worker position: takes a worker, feeds it chunks, replaces it when it dies or is recycled.</summary>
    private async Task RunSlotAsync(TaskCompletionSource started)
    {
        await Task.Yield();
        var failedStarts = 0;
        while (!_kill.IsCancellationRequested)
        {
            WorkerSlot worker;
            try
            {
                worker = await _spares.TakeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (!_kill.IsCancellationRequested)
            {
                if (started.TrySetException(e))
                {
                    return;
                }

                // A replacement failed to start. A few tries, then the pool is faulted: queued work fails
                // instead of waiting forever.
                if (++failedStarts >= 3)
                {
                    _fault = e;
                    FailQueued(new InvalidOperationException("The process pool cannot start workers.", e));
                    SignalStrength();
                    return;
                }

                await Task.Delay(100 * failedStarts).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException)
            {
                started.TrySetCanceled();
                return;
            }

            failedStarts = 0;
            _workers[worker] = 0;
            Raise(new PoolEvent(PoolEventKind.Started, worker.ProcessId));
            SignalStrength();
            started.TrySetResult();
            WorkerExit exit;
            try
            {
                exit = await ServeAsync(worker).ConfigureAwait(false);
            }
            finally
            {
                _workers.TryRemove(worker, out _);
            }

            if (exit.Kind == PoolEventKind.Recycled)
            {
                // Retire off the critical path: the next worker (a warm spare) starts serving now.
                _retiring[worker] = 0;
                _ = RetireAsync(worker);
            }
            else
            {
                await worker.KillAsync().ConfigureAwait(false);
            }

            if (exit.Kind != PoolEventKind.Started)
            {
                Raise(new PoolEvent(exit.Kind, worker.ProcessId, exit.Crash));
            }

            SignalStrength();
            if (exit.Drained)
            {
                return;
            }
        }
    }

    /// <summary>Why a worker left its slot; <see cref="PoolEventKind.Started"/> stands for "nothing to report".</summary>
    private readonly record struct WorkerExit(PoolEventKind Kind, bool Drained = false, WorkerCrashedException? Crash = null);

    private async Task RetireAsync(WorkerSlot worker)
    {
        try
        {
            await worker.StopAsync(_options.StopTimeout).ConfigureAwait(false);
        }
        finally
        {
            _retiring.TryRemove(worker, out _);
        }
    }

    /// <summary>Feeds one worker until it dies, reaches its quota, or the queue is drained for shutdown.</summary>
    private async Task<WorkerExit> ServeAsync(WorkerSlot worker)
    {
        // Waiting for work ends early when the worker dies idle, so no chunk is sent to a dead worker and blamed.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_kill.Token);
        _ = worker.Disconnected.ContinueWith(static (_, state) =>
        {
            try
            {
                ((CancellationTokenSource)state!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The worker left its slot before its connection ended.
            }
        }, idle, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (true)
        {
            PendingChunk? chunk;
            try
            {
                chunk = await _queue.TakeAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return _kill.IsCancellationRequested ? new WorkerExit(PoolEventKind.Started, Drained: true) : new WorkerExit(PoolEventKind.Crashed);
            }

            if (chunk is null)
            {
                await worker.StopAsync(_options.StopTimeout).ConfigureAwait(false);
                return new WorkerExit(PoolEventKind.Started, Drained: true);
            }

            ChunkEnding? ending = null;
            try
            {
                if (!chunk.Call.IsFinished)
                {
                    // A call without a token of its own is abandoned only when the pool is killed: no linked source per chunk.
                    using var abandon = chunk.Call.CancellationToken.CanBeCanceled
                        ? CancellationTokenSource.CreateLinkedTokenSource(chunk.Call.CancellationToken, _kill.Token)
                        : null;
                    var timeout = chunk.Chunk.Timeout ?? _options.TaskTimeout;
                    ending = await worker.RunAsync(chunk, timeout, abandon?.Token ?? _kill.Token).ConfigureAwait(false);
                    Settle(chunk, ending, timeout);
                }
            }
            finally
            {
                _queue.Finished();
            }

            if (!worker.IsAlive || ending?.End is ChunkEnd.Crashed or ChunkEnd.TimedOut or ChunkEnd.Abandoned or ChunkEnd.NotSent)
            {
                return ending?.End is ChunkEnd.TimedOut or ChunkEnd.Abandoned
                    ? new WorkerExit(PoolEventKind.Killed)
                    : new WorkerExit(PoolEventKind.Crashed, Crash: ending?.Crash);
            }

            if (_options.MaxTasksPerWorker > 0 && worker.TasksCompleted >= _options.MaxTasksPerWorker)
            {
                return new WorkerExit(PoolEventKind.Recycled);
            }
        }
    }

    /// <summary>Decides the fate of the tasks a chunk left unreported: fail, retry, or re-run alone to find the culprit.</summary>
    private void Settle(PendingChunk chunk, ChunkEnding ending, TimeSpan timeout)
    {
        var call = chunk.Call;
        if (ending.End == ChunkEnd.NotSent)
        {
            _queue.Enqueue(chunk, front: true);
            return;
        }

        var left = ending.Unreported.Where(position => !call.IsSettled(chunk.CallIndex(position))).ToList();
        if (left.Count == 0)
        {
            return;
        }

        switch (ending.End)
        {
            case ChunkEnd.Abandoned:
                var reason = call.CancellationToken.IsCancellationRequested
                    ? new OperationCanceledException(call.CancellationToken)
                    : (Exception)new ObjectDisposedException(nameof(ProcessPool), "The process pool was shut down while this task ran.");
                left.ForEach(position => call.Fail(chunk.CallIndex(position), reason));
                return;

            case ChunkEnd.Crashed or ChunkEnd.TimedOut when left.Count > 1:
                // Several candidates: run each alone (in order, at the front) so the failure lands on the right one.
                for (var i = left.Count - 1; i >= 0; i--)
                {
                    _queue.Enqueue(chunk.Single(left[i], chunk.Attempts), front: true);
                }

                return;

            case ChunkEnd.Crashed or ChunkEnd.TimedOut:
                var position = left[0];
                var timedOut = ending.End == ChunkEnd.TimedOut;
                if (_options.Retry.Allows(chunk.Attempts + 1, timedOut))
                {
                    _queue.Enqueue(chunk.Single(position, chunk.Attempts + 1), front: true);
                    return;
                }

                call.Fail(chunk.CallIndex(position), timedOut
                    ? new TimeoutException($"Task '{call.TaskName}' ran longer than its timeout of {timeout.TotalMilliseconds:0} ms; its worker was killed.")
                    : ending.Crash!);
                return;
        }
    }

    private void FailQueued(Exception error)
    {
        foreach (var chunk in _queue.Drain())
        {
            for (var position = 0; position < chunk.Chunk.Count; position++)
            {
                chunk.Call.Fail(chunk.CallIndex(position), error);
            }
        }
    }

    private void Raise(PoolEvent change)
    {
        Interlocked.Increment(ref _counts[(int)change.Kind]);
        s_events.Add(1, new KeyValuePair<string, object?>("kind", change.Kind.ToString()));
        try
        {
            WorkerEvent?.Invoke(change);
        }
        catch (Exception)
        {
            // A logging handler must not take a worker slot down.
        }
    }

    private void SignalStrength() =>
        Interlocked.Exchange(ref _strengthChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static void ForwardToConsole(WorkerOutputLine line)
    {
        if (line.IsStandardError)
        {
            Console.Error.WriteLine(line.Text);
        }
        else
        {
            Console.Out.WriteLine(line.Text);
        }
    }
}
