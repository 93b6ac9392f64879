namespace Interop.Runtime.Streaming;

/// <summary>A byte range of a file: <see cref="Length"/> bytes starting at <see cref="Offset"/>.</summary>
/// <param name="Offset">Position of the first byte.</param>
/// <param name="Length">Number of bytes; zero for an empty chunk.</param>
public readonly record struct FileChunk(long Offset, long Length)
{
    /// <summary>Position just past the last byte.</summary>
    public long End => Offset + Length;
}
