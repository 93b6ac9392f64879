namespace Interop.Cluster.Grains;

/// <summary>
/// One chunk of a map as it travels to a silo: the task's name and the chunk's arguments, already encoded
/// by the task's argument codec, back to back. The silo never decodes them; its workers do.
/// </summary>
/// <remarks>
/// Temporary wire form until the pool's encoded chunk type is public: then this record carries that chunk
/// unchanged (see the project README).
/// </remarks>
[GenerateSerializer, Immutable, Alias("Interop.Cluster.ChunkRequest")]
internal sealed record ChunkRequest(
    [property: Id(0)] string TaskName,
    [property: Id(1)] long FirstIndex,
    [property: Id(2)] byte[] Arguments,
    [property: Id(3)] int[] Ends,
    [property: Id(4)] TimeSpan? Timeout)
{
    public int Count => Ends.Length;
}
