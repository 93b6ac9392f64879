using System.Diagnostics;

namespace Interop.Cluster.Coordination;

/// <summary>
/// How many tasks go in the next chunk. A size the caller gives is kept. Otherwise, for an input of known
/// length, Python's rule: <c>count / (4 × workers)</c>, capped so a lost chunk costs little to re-run.
/// For a lazy input of unknown length, chunks start small and double while they come back quickly (under
/// 250 ms), halving when one takes over a second: short tasks get big chunks, long ones small ones.
/// </summary>
internal sealed class ChunkSizer(int requested, int? knownCount, Func<int> workers)
{
    private const int MaxSize = 65_536;
    private int _adaptive = 16;

    public int Next()
    {
        if (requested > 0)
        {
            return requested;
        }

        if (knownCount is { } count)
        {
            return Math.Clamp((int)Math.Ceiling(count / (4.0 * Math.Max(1, workers()))), 1, MaxSize);
        }

        return Volatile.Read(ref _adaptive);
    }

    /// <summary>A chunk of <paramref name="size"/> tasks came back after <paramref name="elapsed"/>.</summary>
    public void Observe(int size, TimeSpan elapsed)
    {
        if (requested > 0 || knownCount is not null || size < Volatile.Read(ref _adaptive))
        {
            return;
        }

        if (elapsed < TimeSpan.FromMilliseconds(250))
        {
            Volatile.Write(ref _adaptive, Math.Min(MaxSize, size * 2));
        }
        else if (elapsed > TimeSpan.FromSeconds(1))
        {
            Volatile.Write(ref _adaptive, Math.Max(1, size / 2));
        }
    }

    public static long Now() => Stopwatch.GetTimestamp();
}
