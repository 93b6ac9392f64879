namespace Interop.Cluster;

/// <summary>How one chunk of a map settled.</summary>
/// <param name="FirstIndex">Index of the chunk's first task in the input.</param>
/// <param name="Count">Tasks in the chunk.</param>
/// <param name="Node">The node whose answer was taken ("host (silo address, pid N)").</param>
/// <param name="LostOn">Nodes an earlier attempt of this chunk was lost on, oldest first; empty when it ran once.</param>
public sealed record ChunkReport(int FirstIndex, int Count, string Node, IReadOnlyList<string> LostOn);
