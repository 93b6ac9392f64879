using System.Collections.Concurrent;
using Interop.Cluster.Grains;
using Orleans.Runtime;

namespace Interop.Cluster.Coordination;

/// <summary>
/// The coordinator's picture of the cluster: which silos are alive (asked of the management grain while
/// maps run) and how many workers each one's pool has (learnt from the chunks that started there). It
/// gives the in-flight bound and tells a chunk attempt when its silo left, so an attempt never waits on a
/// dead node even when no error reaches the caller.
/// </summary>
internal sealed class ClusterView(IGrainFactory grains, ClusterPoolOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _workers = new();
    private readonly ConcurrentDictionary<CancellationTokenSource, string> _watches = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Dictionary<string, SiloAddress> _alive = [];
    private int _unanswered;
    private Task? _refreshing;
    private int _users;

    /// <summary>Chunks a map may keep in flight now.</summary>
    public int InFlightBound
    {
        get
        {
            if (options.MaxChunksInFlight > 0)
            {
                return options.MaxChunksInFlight;
            }

            Dictionary<string, SiloAddress> alive;
            lock (_lock)
            {
                alive = _alive;
            }

            var workers = alive.Keys.Sum(WorkersOf);
            return 2 * Math.Max(1, workers);
        }
    }

    /// <summary>Worker processes of the silos alive now, as far as known.</summary>
    public int WorkerCount => InFlightBound / 2;

    /// <summary>The silos alive at the last refresh.</summary>
    public IReadOnlyCollection<SiloAddress> AliveSilos
    {
        get
        {
            lock (_lock)
            {
                return _alive.Values;
            }
        }
    }

    /// <summary>Workers of <paramref name="silo"/>'s pool; a silo not yet seen counts as one until a chunk reports its pool's size.</summary>
    public int WorkersOf(string silo) => _workers.GetValueOrDefault(silo, 1);

    /// <summary>A map starts: refresh now, and keep refreshing while any map runs.</summary>
    public async Task<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (_users++ == 0 && _refreshing is not { IsCompleted: false })
            {
                _refreshing = RefreshLoopAsync();
            }
        }

        return new Exit(this);
    }

    /// <summary>A chunk started on <paramref name="node"/>: learn its pool size.</summary>
    public void Seen(NodeInfo node) => _workers[node.Silo] = node.WorkerCount;

    /// <summary>A token cancelled when <paramref name="silo"/> is no longer an active member; dispose it when done.</summary>
    public CancellationTokenSource WatchLoss(string silo)
    {
        var watch = new CancellationTokenSource();
        _watches[watch] = silo;
        bool alive;
        lock (_lock)
        {
            alive = (_alive.ContainsKey(silo) || _alive.Count == 0) && _unanswered < 3;
        }

        if (!alive)
        {
            watch.Cancel();
        }

        return watch;
    }

    public void Unwatch(CancellationTokenSource watch)
    {
        _watches.TryRemove(watch, out _);
        watch.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_refreshing is { } refreshing)
        {
            await refreshing.ConfigureAwait(false);
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(options.MembershipRefresh);
        try
        {
            while (Volatile.Read(ref _users) > 0 && await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await RefreshAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        Dictionary<SiloAddress, SiloStatus> hosts;
        try
        {
            hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(options.PollWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No answer: keep the last picture, unless the cluster stays silent (its last silo died, or no
            // gateway is left): then every silo counts as lost, so no attempt waits on a call that never returns.
            if (++_unanswered >= 3)
            {
                CancelWatches(static _ => true);
            }

            return;
        }

        _unanswered = 0;

        var alive = hosts.Where(h => h.Value == SiloStatus.Active).ToDictionary(h => h.Key.ToParsableString(), h => h.Key);
        lock (_lock)
        {
            _alive = alive;
        }

        CancelWatches(silo => !alive.ContainsKey(silo));
    }

    private void CancelWatches(Func<string, bool> lost)
    {
        foreach (var (watch, silo) in _watches)
        {
            if (lost(silo))
            {
                try
                {
                    watch.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    private sealed class Exit(ClusterView view) : IAsyncDisposable
    {
        private int _done;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref view._users);
            }

            return ValueTask.CompletedTask;
        }
    }
}
