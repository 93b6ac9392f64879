using System.Collections.Concurrent;

namespace Interop.Runtime.Processes;

/// <summary>
/// Workers started ahead of need, so that replacing a recycled or crashed worker takes a connected process
/// off a shelf instead of waiting for a program to start in the middle of a map. A spare is taken, a new one
/// starts in the background. With no spares configured every worker starts on demand.
/// </summary>
internal sealed class WarmSpares(int target, Func<CancellationToken, Task<WorkerSlot>> start, CancellationToken stop)
{
    private readonly ConcurrentQueue<WorkerSlot> _ready = new();
    private readonly ConcurrentDictionary<Task, byte> _starting = new();
    private int _count; // ready + starting

    /// <summary>A connected worker: a spare when one is ready, else one started now.</summary>
    public async Task<WorkerSlot> TakeAsync()
    {
        while (_ready.TryDequeue(out var spare))
        {
            Interlocked.Decrement(ref _count);
            Refill();
            if (spare.IsAlive)
            {
                return spare;
            }

            await spare.KillAsync().ConfigureAwait(false);
        }

        Refill();
        return await start(stop).ConfigureAwait(false);
    }

    /// <summary>Starts spares in the background until the target number are ready or starting.</summary>
    public void Refill()
    {
        while (!stop.IsCancellationRequested && Volatile.Read(ref _count) < target)
        {
            if (Interlocked.Increment(ref _count) > target)
            {
                Interlocked.Decrement(ref _count);
                return;
            }

            var starting = StartOneAsync();
            _starting[starting] = 0;
            _ = starting.ContinueWith(t => _starting.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    /// <summary>Kills every spare, including those still starting.</summary>
    public async Task KillAllAsync()
    {
        await Task.WhenAll(_starting.Keys).ConfigureAwait(false);
        while (_ready.TryDequeue(out var spare))
        {
            await spare.KillAsync().ConfigureAwait(false);
        }
    }

    private async Task StartOneAsync()
    {
        await Task.Yield(); // never start a process on the thread that is handing out work
        try
        {
            var spare = await start(stop).ConfigureAwait(false);
            _ready.Enqueue(spare);
            if (stop.IsCancellationRequested && _ready.TryDequeue(out var late))
            {
                await late.KillAsync().ConfigureAwait(false);
            }
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            // A spare that cannot start is not an error yet: the next on-demand start reports why.
            Interlocked.Decrement(ref _count);
        }
        catch (Exception)
        {
            Interlocked.Decrement(ref _count); // stopping
        }
    }
}
