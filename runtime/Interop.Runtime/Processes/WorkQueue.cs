namespace Interop.Runtime.Processes;

/// <summary>
/// Batches waiting for a worker. Retries and isolation re-runs go to the front. After
/// <see cref="Complete"/>, takers get null once the queue is empty and no taken batch is still
/// running (a running batch may still put work back).
/// </summary>
internal sealed class WorkQueue
{
    private readonly Lock _gate = new();
    private readonly LinkedList<WorkBatch> _batches = new();
    private readonly LinkedList<TaskCompletionSource<WorkBatch?>> _takers = new();
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

    public void Enqueue(WorkBatch batch, bool front = false)
    {
        while (true)
        {
            TaskCompletionSource<WorkBatch?> taker;
            lock (_gate)
            {
                if (_takers.First is not { } first)
                {
                    if (front)
                    {
                        _batches.AddFirst(batch);
                    }
                    else
                    {
                        _batches.AddLast(batch);
                    }

                    return;
                }

                _takers.RemoveFirst();
                taker = first.Value;
                _running++;
            }

            // Outside the lock: takers continue synchronously, so the waiting worker slot sends the batch
            // on this thread instead of after a hop through the thread pool.
            if (taker.TrySetResult(batch))
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

    public Task<WorkBatch?> TakeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_batches.First is { } next)
            {
                _batches.RemoveFirst();
                _running++;
                return Task.FromResult<WorkBatch?>(next.Value);
            }

            if (_completed && _running == 0)
            {
                return Task.FromResult<WorkBatch?>(null);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<WorkBatch?>(cancellationToken);
            }

            // Continuations run synchronously where the batch is handed over (see Enqueue); the only taker is
            // the pool's own slot loop, never user code.
            var taker = new TaskCompletionSource<WorkBatch?>();
            var node = _takers.AddLast(taker);
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
            // A long-lived pool takes millions of batches: drop each registration once its taker is served.
            taker.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return taker.Task;
        }
    }

    /// <summary>Marks a taken batch as done (after any of its work was put back).</summary>
    public void Finished()
    {
        TaskCompletionSource<WorkBatch?>[]? released;
        lock (_gate)
        {
            _running--;
            released = TakeIfDrained();
        }

        Release(released);
    }

    public void Complete()
    {
        TaskCompletionSource<WorkBatch?>[]? released;
        lock (_gate)
        {
            _completed = true;
            released = TakeIfDrained();
        }

        Release(released);
    }

    /// <summary>Removes and returns everything still queued (forced shutdown).</summary>
    public List<WorkBatch> Drain()
    {
        lock (_gate)
        {
            var all = _batches.ToList();
            _batches.Clear();
            return all;
        }
    }

    private TaskCompletionSource<WorkBatch?>[]? TakeIfDrained()
    {
        if (_completed && _running == 0 && _batches.Count == 0 && _takers.Count > 0)
        {
            var all = _takers.ToArray();
            _takers.Clear();
            return all;
        }

        return null;
    }

    // Outside the lock: the takers' continuations run synchronously.
    private static void Release(TaskCompletionSource<WorkBatch?>[]? takers)
    {
        foreach (var taker in takers ?? [])
        {
            taker.TrySetResult(null);
        }
    }
}
