namespace Interop.Cluster.Grains;

/// <summary>
/// Every task of a chunk answered: results encoded by the task's result codec back to back
/// (<see cref="Ends"/>[i] is where task i's result ends; a failed task's result is empty) and the failures.
/// </summary>
[GenerateSerializer, Immutable, Alias("Interop.Cluster.ChunkResult")]
internal sealed record ChunkResult(
    [property: Id(0)] NodeInfo Node,
    [property: Id(1)] byte[] Results,
    [property: Id(2)] int[] Ends,
    [property: Id(3)] TaskFailure[] Failures);

/// <summary>The answer to a poll: the result once the chunk is done, or that this activation holds no chunk.</summary>
[GenerateSerializer, Immutable, Alias("Interop.Cluster.ChunkPoll")]
internal sealed record ChunkPoll(
    [property: Id(0)] ChunkResult? Result,
    [property: Id(1)] bool Unknown,
    [property: Id(2)] string? NodeFault);
