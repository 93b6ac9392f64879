namespace Interop.Cluster.Grains;

/// <summary>
/// One attempt at one chunk. Every attempt has a fresh key, so each is a new activation that Orleans places
/// by load (resource-optimized placement); a chunk re-run after a node loss is therefore a new grain,
/// placed among the silos still alive.
/// </summary>
/// <remarks>
/// Two calls instead of one long call: <see cref="StartAsync"/> returns at once with the silo the chunk
/// landed on (so the coordinator can watch that silo), and <see cref="PollAsync"/> long-polls for the
/// result, so no call outlives Orleans's response timeout however long the chunk runs.
/// </remarks>
[Alias("Interop.Cluster.IChunkGrain")]
internal interface IChunkGrain : IGrainWithGuidKey
{
    /// <summary>Starts the chunk (the pool's <c>EncodedChunk.ToBytes</c>, unchanged) on this silo's pool; returns where it runs.</summary>
    [Alias("Start")]
    Task<NodeInfo> StartAsync(byte[] chunk);

    /// <summary>Waits up to <paramref name="wait"/> for the chunk's result; null result while it still runs.</summary>
    [Alias("Poll")]
    Task<ChunkPoll> PollAsync(TimeSpan wait);

    /// <summary>Cancels the chunk: its running tasks are stopped by killing their workers, as locally.</summary>
    [Alias("Cancel")]
    Task CancelAsync();
}
