using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Interop.Cluster.Coordination;

/// <summary>
/// Places each chunk attempt on the silo this coordinator has loaded least: chunks in flight there per worker
/// of its pool. The choice travels to the cluster as Orleans' placement hint, which the chunk grain's
/// resource-optimized director honours; without a hint (no silo known yet) that director decides alone.
/// </summary>
/// <remarks>
/// Why not only resource-optimized placement: it weighs each silo's CPU and memory, which on one machine (or
/// between the sub-second bursts of a map) are the same for every silo, so whole maps landed on one silo while
/// the others idled. The coordinator knows exactly what it has sent where. Several coordinators balance their
/// own chunks each.
/// </remarks>
internal sealed class ChunkPlacement(ClusterView view)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _inFlight = [];
    private int _turn;

    /// <summary>
    /// Reserves a slot on the least loaded live silo outside <paramref name="avoid"/> (silos this chunk was
    /// already lost on) and sets it as the placement hint of the calls this async flow makes next.
    /// </summary>
    public Lease Place(IReadOnlyCollection<string> avoid)
    {
        var candidates = view.AliveSilos.Where(s => !avoid.Contains(s.ToParsableString())).ToArray();
        if (candidates.Length == 0)
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            return new Lease(this, null);
        }

        lock (_lock)
        {
            // Start the scan at a rotating silo, so equally loaded silos take turns.
            var start = _turn++ % candidates.Length;
            SiloAddress best = candidates[start];
            var bestLoad = double.MaxValue;
            for (var i = 0; i < candidates.Length; i++)
            {
                var silo = candidates[(start + i) % candidates.Length];
                var key = silo.ToParsableString();
                var load = (double)_inFlight.GetValueOrDefault(key) / Math.Max(1, view.WorkersOf(key));
                if (load < bestLoad)
                {
                    (best, bestLoad) = (silo, load);
                }
            }

            var chosen = best.ToParsableString();
            _inFlight[chosen] = _inFlight.GetValueOrDefault(chosen) + 1;
            RequestContext.Set(IPlacementDirector.PlacementHintKey, best);
            return new Lease(this, chosen);
        }
    }

    private void Move(string? from, string to)
    {
        lock (_lock)
        {
            if (from is not null)
            {
                Decrement(from);
            }

            _inFlight[to] = _inFlight.GetValueOrDefault(to) + 1;
        }
    }

    private void Release(string silo)
    {
        lock (_lock)
        {
            Decrement(silo);
        }
    }

    private void Decrement(string silo)
    {
        if (_inFlight.TryGetValue(silo, out var count) && count > 1)
        {
            _inFlight[silo] = count - 1;
        }
        else
        {
            _inFlight.Remove(silo);
        }
    }

    /// <summary>One attempt's slot: moved to the silo it really landed on, released when the attempt ends.</summary>
    internal sealed class Lease(ChunkPlacement placement, string? silo) : IDisposable
    {
        private string? _silo = silo;
        private bool _released;

        /// <summary>The silo this attempt was sent to (the hint, then where it landed); null when placement chose alone.</summary>
        public string? Silo => _silo;

        /// <summary>The attempt started on <paramref name="actual"/> (a hint is a preference: the silo may have left meanwhile).</summary>
        public void Landed(string actual)
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            if (actual != _silo)
            {
                placement.Move(_silo, actual);
                _silo = actual;
            }
        }

        public void Dispose()
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            if (!_released && _silo is { } silo)
            {
                _released = true;
                placement.Release(silo);
            }
        }
    }
}
