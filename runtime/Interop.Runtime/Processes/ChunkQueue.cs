namespace Interop.Runtime.Processes;

/// <summary>
/// Chunks waiting for a worker. Retries and isolation re-runs go to the front. After
/// <see cref="Complete"/>, takers get null once the queue is empty and no taken chunk is still
/// running (a running chunk may still put work back).
/// </summary>
internal sealed class ChunkQueue
{
    private readonly Lock _gate = new();
    private readonly LinkedList<PendingChunk> _chunks = new();
    private readonly LinkedList<TaskCompletionSource<PendingChunk?>> _takers = new();
    private int _running;
    private bool _completed;

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    public void Enqueue(PendingChunk chunk, bool front = false)
    {
        while (true)
        {
            TaskCompletionSource<PendingChunk?> taker;
            lock (_gate)
            {
                if (_takers.First is not { } first)
                {
                    if (front)
                    {
                        _chunks.AddFirst(chunk);
                    }
                    else
                    {
                        _chunks.AddLast(chunk);
                    }

                    return;
                }

                _takers.RemoveFirst();
                taker = first.Value;
                _running++;
            }

            // Outside the lock: takers continue synchronously, so the waiting worker slot sends the chunk
            // on this thread instead of after a hop through the thread pool.
            if (taker.TrySetResult(chunk))
            {
                return;
            }

            // That taker was cancelled meanwhile: undo and try the next one.
            lock (_gate)
            {
                _running--;
            }
        }
    }

    public Task<PendingChunk?> TakeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_chunks.First is { } next)
            {
                _chunks.RemoveFirst();
                _running++;
                return Task.FromResult<PendingChunk?>(next.Value);
            }

            if (_completed && _running == 0)
            {
                return Task.FromResult<PendingChunk?>(null);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<PendingChunk?>(cancellationToken);
            }

            // Continuations run synchronously where the chunk is handed over (see Enqueue); the only taker is
            // the pool's own slot loop, never user code. Last in, first served: the worker that just finished is the
            // one whose pages and caches are warm, and a run of single submits keeps one worker busy instead of
            // waking each idle worker in turn.
            var taker = new TaskCompletionSource<PendingChunk?>();
            var node = _takers.AddFirst(taker);
            var registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (node.List is not null)
                    {
                        _takers.Remove(node);
                    }
                }

                taker.TrySetCanceled(cancellationToken);
            });
            // A long-lived pool takes millions of chunks: drop each registration once its taker is served.
            taker.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return taker.Task;
        }
    }

    /// <summary>Marks a taken chunk as done (after any of its work was put back).</summary>
    public void Finished()
    {
        TaskCompletionSource<PendingChunk?>[]? released;
        lock (_gate)
        {
            _running--;
            released = TakeIfDrained();
        }

        Release(released);
    }

    public void Complete()
    {
        TaskCompletionSource<PendingChunk?>[]? released;
        lock (_gate)
        {
            _completed = true;
            released = TakeIfDrained();
        }

        Release(released);
    }

    /// <summary>Removes and returns everything still queued (forced shutdown).</summary>
    public List<PendingChunk> Drain()
    {
        lock (_gate)
        {
            var all = _chunks.ToList();
            _chunks.Clear();
            return all;
        }
    }

    private TaskCompletionSource<PendingChunk?>[]? TakeIfDrained()
    {
        if (_completed && _running == 0 && _chunks.Count == 0 && _takers.Count > 0)
        {
            var all = _takers.ToArray();
            _takers.Clear();
            return all;
        }

        return null;
    }

    // Outside the lock: the takers' continuations run synchronously.
    private static void Release(TaskCompletionSource<PendingChunk?>[]? takers)
    {
        foreach (var taker in takers ?? [])
        {
            taker.TrySetResult(null);
        }
    }
}
