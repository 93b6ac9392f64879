using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Runtime.Processes;

/// <summary>
/// A pool of worker processes, the counterpart of Python's <c>multiprocessing.Pool</c>: ordered and
/// unordered map, single submit, chunking, per-task timeouts, cancellation, recycling and graceful or
/// forced shutdown. Its reason to exist in .NET is isolation: native code that segfaults, aborts, hangs
/// or corrupts global state takes down one worker and fails one task (<see cref="WorkerCrashedException"/>,
/// <see cref="TimeoutException"/>); the pool replaces the worker and every other task completes.
/// </summary>
/// <remarks>
/// Every task is settled exactly once. When a worker dies in the middle of a chunk, the tasks of that
/// chunk it had not yet reported run again one by one on fresh workers, so the task that crashes is
/// identified and the others complete; a task of a crashed chunk may therefore execute twice (its
/// result is still delivered once). Chunks of one task never run twice.
/// </remarks>
public sealed class ProcessPool : ITaskPool, IDisposable
{
    private readonly PoolOptions _options;
    private readonly WorkerCommand _command;
    private readonly WorkerListener _listener;
    private readonly WorkQueue _queue = new();
    private readonly CancellationTokenSource _kill = new();
    private readonly ConcurrentDictionary<WorkerSupervisor, byte> _workers = new();
    private readonly Action<WorkerOutputLine> _output;
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

        _options = options;
        _command = options.Worker ?? WorkerCommand.CurrentApp();
        _output = options.WorkerOutput ?? ForwardToConsole;
        _listener = new WorkerListener();
    }

    /// <summary>Number of worker processes.</summary>
    public int WorkerCount => _options.WorkerCount;

    /// <summary>Process ids of the workers alive now (replaced workers get new ids).</summary>
    public IReadOnlyList<int> WorkerProcessIds => [.. _workers.Keys.Where(w => w.IsAlive).Select(w => w.ProcessId)];

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

        return pool;
    }

    /// <summary>Runs one task and returns its result, like <c>apply_async(...).get()</c>.</summary>
    public async Task<TResult> SubmitAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, TArg argument, CancellationToken cancellationToken = default)
    {
        var results = await MapAsync(task, [argument], 1, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument and returns the results in input order, like
    /// <c>Pool.map</c>. If any task fails, throws the failure of the first failed task after all have settled.
    /// </summary>
    /// <param name="task">The task to run.</param>
    /// <param name="arguments">One argument per task.</param>
    /// <param name="chunkSize">Tasks sent to a worker at once; 0 picks <c>count / (4 × workers)</c> like Python.</param>
    /// <param name="cancellationToken">Fails the tasks not yet settled; running ones are stopped by killing their worker.</param>
    public Task<TResult[]> MapAsync<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var encoded = Encode(task, arguments);
        var call = new OrderedCall<TResult>(task, task.ResultCodec, encoded.Ends.Length, cancellationToken);
        if (encoded.Ends.Length == 0)
        {
            return Task.FromResult(Array.Empty<TResult>());
        }

        Dispatch(call, encoded, chunkSize);
        return call.Completion;
    }

    /// <summary>
    /// Runs <paramref name="task"/> on every argument and yields each outcome as soon as it is known, in
    /// completion order, like <c>imap_unordered</c>, except that failures are outcomes, not exceptions:
    /// <see cref="TaskOutcome{TResult}.Index"/> says which argument each one belongs to.
    /// </summary>
    /// <param name="task">The task to run.</param>
    /// <param name="arguments">One argument per task.</param>
    /// <param name="chunkSize">Tasks sent to a worker at once; 0 picks <c>count / (4 × workers)</c>.</param>
    /// <param name="cancellationToken">Cancels the tasks not yet settled (they are yielded as cancelled).</param>
    public async IAsyncEnumerable<TaskOutcome<TResult>> MapUnorderedAsync<TArg, TResult>(
        WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int chunkSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var encoded = Encode(task, arguments);
        if (encoded.Ends.Length == 0)
        {
            yield break;
        }

        var call = new StreamingCall<TResult>(task, task.ResultCodec, encoded.Ends.Length, cancellationToken);
        Dispatch(call, encoded, chunkSize);
        // The channel completes once every task has settled, cancellation included, so no token here.
        await foreach (var outcome in call.Outcomes.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return outcome;
        }
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
        }

        try
        {
            await Task.WhenAll(_slots).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
            throw;
        }

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
        if (!_kill.IsCancellationRequested)
        {
            await _kill.CancelAsync().ConfigureAwait(false);
        }

        FailQueued(new ObjectDisposedException(nameof(ProcessPool), "The process pool was shut down before this task ran."));
        await Task.WhenAll(_slots).ConfigureAwait(false);
        FailQueued(new ObjectDisposedException(nameof(ProcessPool), "The process pool was shut down before this task ran."));
        _listener.Dispose();
    }

    /// <summary>Same as <see cref="KillAsync"/>: use <see cref="ShutdownAsync"/> first to let work finish.</summary>
    public ValueTask DisposeAsync() => new(KillAsync());

    /// <summary>Same as <see cref="KillAsync"/>, blocking.</summary>
    public void Dispose() => KillAsync().GetAwaiter().GetResult();

    /// <summary>Encodes every argument into one shared buffer; <c>Ends[i]</c> is where argument i ends in it.</summary>
    private static (byte[] Data, int[] Ends) Encode<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (task.ArgumentCodec.FixedSize is { } size)
        {
            return EncodeFixedSize(arguments, size);
        }

        var known = arguments.TryGetNonEnumeratedCount(out var count);
        var buffer = new FrameWriter(known ? Math.Max(256, count * 4) : 256);
        var ends = known ? new int[count] : new int[16];
        var n = 0;
        foreach (var argument in arguments)
        {
            task.ArgumentCodec.Write(argument, buffer);
            if (n == ends.Length)
            {
                Array.Resize(ref ends, n * 2);
            }

            ends[n++] = buffer.PendingBytes;
        }

        if (n != ends.Length)
        {
            Array.Resize(ref ends, n);
        }

        return (buffer.Buffer, ends);
    }

    // Blittable arguments (the default codec) are their own bytes: one copy for an array or list, a tight loop otherwise.
    private static (byte[] Data, int[] Ends) EncodeFixedSize<TArg>(IEnumerable<TArg> arguments, int size)
    {
        byte[] data;
        int count;
        if (arguments is TArg[] array)
        {
            data = BytesOf(array.AsSpan(), size).ToArray();
            count = array.Length;
        }
        else if (arguments is List<TArg> list)
        {
            data = BytesOf(CollectionsMarshal.AsSpan(list), size).ToArray();
            count = list.Count;
        }
        else if (arguments is ICollection<TArg> collection)
        {
            // One CopyTo (Enumerable.Range and Select over arrays are collections) instead of two interface calls per item.
            count = collection.Count;
            var values = ArrayPool<TArg>.Shared.Rent(count);
            try
            {
                collection.CopyTo(values, 0);
                data = BytesOf(values.AsSpan(0, count), size).ToArray();
            }
            finally
            {
                ArrayPool<TArg>.Shared.Return(values);
            }
        }
        else
        {
            data = GC.AllocateUninitializedArray<byte>((arguments.TryGetNonEnumeratedCount(out var known) ? Math.Max(known, 1) : 16) * size);
            count = 0;
            foreach (var argument in arguments)
            {
                if ((count + 1) * size > data.Length)
                {
                    Array.Resize(ref data, data.Length * 2);
                }

                Unsafe.WriteUnaligned(ref data[count * size], argument);
                count++;
            }
        }

        var ends = GC.AllocateUninitializedArray<int>(count);
        for (var i = 0; i < ends.Length; i++)
        {
            ends[i] = (i + 1) * size;
        }

        return (data, ends);
    }

    // MemoryMarshal.AsBytes for a TArg the compiler cannot prove unmanaged (the codec's FixedSize says it is).
    private static ReadOnlySpan<byte> BytesOf<TArg>(Span<TArg> values, int size) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TArg, byte>(ref MemoryMarshal.GetReference(values)), values.Length * size);

    private void Dispatch(TaskCall call, (byte[] Data, int[] Ends) arguments, int chunkSize)
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

        if (chunkSize == 0)
        {
            chunkSize = Math.Max(1, (int)Math.Ceiling(arguments.Ends.Length / (4.0 * _options.WorkerCount)));
        }

        var ends = arguments.Ends;
        for (var start = 0; start < ends.Length; start += chunkSize)
        {
            _queue.Enqueue(new WorkBatch(call, arguments.Data, ends, start, Math.Min(chunkSize, ends.Length - start)));
        }

        call.ObserveCancellation();
    }

    /// <summary>One worker position: starts a worker, feeds it batches, replaces it when it dies or is recycled.</summary>
    private async Task RunSlotAsync(TaskCompletionSource started)
    {
        await Task.Yield();
        var failedStarts = 0;
        while (!_kill.IsCancellationRequested)
        {
            WorkerSupervisor worker;
            try
            {
                worker = await WorkerSupervisor.StartAsync(_options, _command, _listener, _output, _kill.Token).ConfigureAwait(false);
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
            started.TrySetResult();
            bool drained;
            try
            {
                drained = await ServeAsync(worker).ConfigureAwait(false);
            }
            finally
            {
                await worker.KillAsync().ConfigureAwait(false);
                _workers.TryRemove(worker, out _);
            }

            if (drained)
            {
                return;
            }
        }
    }

    /// <summary>Feeds one worker until it dies (false: replace it) or the queue is drained for shutdown (true).</summary>
    private async Task<bool> ServeAsync(WorkerSupervisor worker)
    {
        while (true)
        {
            WorkBatch? batch;
            try
            {
                batch = await _queue.TakeAsync(_kill.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return true;
            }

            if (batch is null)
            {
                await worker.StopAsync(_options.StopTimeout).ConfigureAwait(false);
                return true;
            }

            try
            {
                if (!batch.Call.IsFinished)
                {
                    using var abandon = CancellationTokenSource.CreateLinkedTokenSource(batch.Call.CancellationToken, _kill.Token);
                    var timeout = batch.Call.Task.Timeout ?? _options.TaskTimeout;
                    var outcome = await worker.RunAsync(batch, timeout, abandon.Token).ConfigureAwait(false);
                    Settle(batch, outcome, timeout);
                }
            }
            finally
            {
                _queue.Finished();
            }

            if (!worker.IsAlive)
            {
                return false;
            }

            if (_options.MaxTasksPerWorker > 0 && worker.TasksCompleted >= _options.MaxTasksPerWorker)
            {
                await worker.StopAsync(_options.StopTimeout).ConfigureAwait(false);
                return false;
            }
        }
    }

    /// <summary>Decides the fate of the tasks a batch left unreported: fail, retry, or re-run alone to find the culprit.</summary>
    private void Settle(WorkBatch batch, BatchOutcome outcome, TimeSpan timeout)
    {
        var call = batch.Call;
        var left = outcome.Unreported.Select(p => batch[p]).Where(item => !call.IsSettled(item.Index)).ToList();
        if (left.Count == 0)
        {
            return;
        }

        switch (outcome.End)
        {
            case BatchEnd.Abandoned:
                var reason = call.CancellationToken.IsCancellationRequested
                    ? new OperationCanceledException(call.CancellationToken)
                    : (Exception)new ObjectDisposedException(nameof(ProcessPool), "The process pool was shut down while this task ran.");
                left.ForEach(item => call.TryFail(item.Index, reason));
                return;

            case BatchEnd.Crashed or BatchEnd.TimedOut when left.Count > 1:
                // Several candidates: run each alone (in order, at the front) so the failure lands on the right one.
                for (var i = left.Count - 1; i >= 0; i--)
                {
                    _queue.Enqueue(batch.Single(left[i]), front: true);
                }

                return;

            case BatchEnd.Crashed or BatchEnd.TimedOut:
                var item = left[0];
                var timedOut = outcome.End == BatchEnd.TimedOut;
                if (_options.Retry.Allows(item.Attempts + 1, timedOut))
                {
                    _queue.Enqueue(batch.Single(item with { Attempts = item.Attempts + 1 }), front: true);
                    return;
                }

                call.TryFail(item.Index, timedOut
                    ? new TimeoutException($"Task '{call.Task.Name}' ran longer than its timeout of {timeout.TotalMilliseconds:0} ms; its worker was killed.")
                    : outcome.Crash!);
                return;
        }
    }

    private void FailQueued(Exception error)
    {
        foreach (var batch in _queue.Drain())
        {
            for (var position = 0; position < batch.Count; position++)
            {
                batch.Call.TryFail(batch.First + position, error);
            }
        }
    }

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
