namespace Interop.Cluster.Grains;

/// <summary>
/// The answer to a poll. <see cref="Result"/> is the pool's own encoded <c>ChunkResult</c>
/// (<c>ChunkResult.ToBytes</c>), carried unchanged: every task's result or failure, as the silo's workers
/// produced them. Null while the chunk still runs, when this activation holds no chunk (<see cref="Unknown"/>),
/// or when the node itself failed (<see cref="NodeFault"/>: its pool shut down or cannot start workers).
/// </summary>
[GenerateSerializer, Immutable, Alias("Interop.Cluster.ChunkPoll")]
internal sealed record ChunkPoll(
    [property: Id(0)] byte[]? Result,
    [property: Id(1)] bool Unknown,
    [property: Id(2)] string? NodeFault);
