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
        lock (_gate)
        {
            while (_takers.First is { } taker)
            {
                _takers.RemoveFirst();
                if (taker.Value.TrySetResult(batch))
                {
                    _running++;
                    return;
                }
            }

            if (front)
            {
                _batches.AddFirst(batch);
            }
            else
            {
                _batches.AddLast(batch);
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

            var taker = new TaskCompletionSource<WorkBatch?>(TaskCreationOptions.RunContinuationsAsynchronously);
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
            taker.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
            return taker.Task;
        }
    }

    /// <summary>Marks a taken batch as done (after any of its work was put back).</summary>
    public void Finished()
    {
        lock (_gate)
        {
            _running--;
            ReleaseIfDrained();
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            ReleaseIfDrained();
        }
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

    private void ReleaseIfDrained()
    {
        if (_completed && _running == 0 && _batches.Count == 0)
        {
            foreach (var taker in _takers)
            {
                taker.TrySetResult(null);
            }

            _takers.Clear();
        }
    }
}
