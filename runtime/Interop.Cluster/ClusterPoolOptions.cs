namespace Interop.Cluster;

/// <summary>How a <see cref="ClusterPool"/> cuts, bounds and re-runs the chunks of a map.</summary>
public sealed class ClusterPoolOptions
{
    /// <summary>
    /// Chunks a map keeps in flight at once; 0 (the default) keeps two per worker of the cluster (counted
    /// from the silos' pools, growing as silos join). Orleans has no back-pressure of its own: this bound is
    /// what keeps a map over a huge lazy sequence at constant memory.
    /// </summary>
    public int MaxChunksInFlight { get; init; }

    /// <summary>
    /// How often one chunk is tried before the map fails with <see cref="ClusterUnavailableException"/>:
    /// only node losses count (a silo died, was unreachable, or its pool failed); a task's own exception,
    /// crash or timeout is its answer and never re-run by the cluster. Default: 8.
    /// </summary>
    public int MaxChunkAttempts { get; init; } = 8;

    /// <summary>How often the coordinator asks the cluster which silos are alive. Default: 500 ms.</summary>
    public TimeSpan MembershipRefresh { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one poll for a chunk's result waits on the silo (a long poll). Default: 5 seconds.</summary>
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called once per chunk as it settles: where it ran and where it was lost before. For logging and tests.</summary>
    public Action<ChunkReport>? ChunkSettled { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxChunksInFlight, nameof(MaxChunksInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChunkAttempts, 1, nameof(MaxChunkAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MembershipRefresh, TimeSpan.Zero, nameof(MembershipRefresh));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollWait, TimeSpan.Zero, nameof(PollWait));
    }
}
