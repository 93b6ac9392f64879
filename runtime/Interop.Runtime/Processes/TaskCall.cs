using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// One call into the pool (a submit, a map, or one chunk of a streaming map) and the place its results land.
/// Every task of the call is settled exactly once, by a result, a failure or cancellation, whichever comes
/// first: late or repeated reports are ignored, which is what makes "never lost, never duplicated" hold.
/// Results are settled on the reader thread of the worker that sent them.
/// </summary>
internal abstract class TaskCall
{
    private readonly byte[] _settled;
    private int _remaining;
    private CancellationTokenRegistration _cancellation;

    protected TaskCall(string taskName, int firstIndex, int count, CancellationToken cancellationToken)
    {
        TaskName = taskName;
        FirstIndex = firstIndex;
        _settled = new byte[count];
        _remaining = count;
        CancellationToken = cancellationToken;
    }

    public string TaskName { get; }

    /// <summary>The map index of the call's first task (0, except for a chunk run on its own).</summary>
    public int FirstIndex { get; }

    public CancellationToken CancellationToken { get; }

    public bool IsFinished => Volatile.Read(ref _remaining) == 0;

    public bool IsSettled(int index) => Volatile.Read(ref _settled[index]) != 0;

    /// <summary>Fails every unsettled task when the caller's token fires.</summary>
    public void ObserveCancellation()
    {
        if (CancellationToken.CanBeCanceled)
        {
            _cancellation = CancellationToken.Register(static state =>
            {
                var call = (TaskCall)state!;
                var error = new OperationCanceledException(call.CancellationToken);
                for (var i = 0; i < call._settled.Length; i++)
                {
                    call.Fail(i, error);
                }
            }, this);
        }
    }

    /// <summary>
    /// Settles tasks <paramref name="first"/>… of this call with the results of <paramref name="results"/>, with one
    /// update of the remaining count for the whole message.
    /// </summary>
    public void Deliver(ResultsMessage results, int first)
    {
        var settled = 0;
        var index = first;
        foreach (var result in results)
        {
            settled += Deliver(index++, result) ? 1 : 0;
        }

        Settled(settled);
    }

    public void Fail(int index, Exception error)
    {
        if (Interlocked.Exchange(ref _settled[index], 1) != 0)
        {
            return;
        }

        OnFailure(index, error);
        Settled();
    }

    // Settles task index with its result unless something settled it first; false when it was already settled.
    private bool Deliver(int index, ReadOnlySpan<byte> payload)
    {
        if (Interlocked.Exchange(ref _settled[index], 1) != 0)
        {
            return false;
        }

        try
        {
            OnResult(index, payload);
        }
        catch (Exception e)
        {
            OnFailure(index, new InvalidDataException($"Could not decode the result of task '{TaskName}': {e.Message}", e));
        }

        return true;
    }

    protected abstract void OnResult(int index, ReadOnlySpan<byte> payload);

    protected abstract void OnFailure(int index, Exception error);

    protected abstract void OnFinished();

    private void Settled(int count = 1)
    {
        if (count > 0 && Interlocked.Add(ref _remaining, -count) == 0)
        {
            _cancellation.Dispose();
            OnFinished();
        }
    }
}
