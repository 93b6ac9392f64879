using Microsoft.Win32.SafeHandles;

namespace Interop.Runtime.Streaming;

/// <summary>
/// Splits a file (or a line-aligned range of it) into line-aligned chunks for parallel scans. Chunk
/// <c>i</c> covers the whole lines that start in <c>[i * chunkSize, (i + 1) * chunkSize)</c> of the range, so
/// every boundary is found on its own with one small read, any worker can compute its chunk without the
/// others, and a line longer than a chunk simply leaves the chunks it covers empty.
/// </summary>
public static class LineChunker
{
    private const int ProbeSize = 4096;

    /// <summary>Number of chunks of <paramref name="chunkSize"/> bytes in <paramref name="length"/> bytes.</summary>
    public static long ChunkCount(long length, long chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        return (length + chunkSize - 1) / chunkSize;
    }

    /// <summary>
    /// The line-aligned chunk number <paramref name="index"/> of <paramref name="range"/> (which starts at a line
    /// start); empty when a long line covers it.
    /// </summary>
    public static FileChunk GetChunk(SafeFileHandle handle, FileChunk range, long chunkSize, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        var start = AlignToLineStart(handle, range, Math.Min(index, range.Length / chunkSize + 1) * chunkSize);
        var end = AlignToLineStart(handle, range, Math.Min(index + 1, range.Length / chunkSize + 1) * chunkSize);
        return new FileChunk(start, Math.Max(0, end - start));
    }

    /// <summary>All non-empty chunks of <paramref name="range"/>, computed lazily as they are pulled.</summary>
    public static IEnumerable<FileChunk> Split(SafeFileHandle handle, FileChunk range, long chunkSize)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var count = ChunkCount(range.Length, chunkSize);
        return Iterate();

        IEnumerable<FileChunk> Iterate()
        {
            for (long i = 0; i < count; i++)
            {
                var chunk = GetChunk(handle, range, chunkSize, i);
                if (chunk.Length > 0)
                {
                    yield return chunk;
                }
            }
        }
    }

    /// <summary>
    /// The first line start at or after <paramref name="relativeOffset"/> bytes into <paramref name="range"/>, as a
    /// file position: that position itself when a line starts there, else the byte after the next <c>'\n'</c>,
    /// else the end of the range.
    /// </summary>
    public static long AlignToLineStart(SafeFileHandle handle, FileChunk range, long relativeOffset)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (relativeOffset <= 0)
        {
            return range.Offset;
        }

        if (relativeOffset >= range.Length)
        {
            return range.End;
        }

        Span<byte> probe = stackalloc byte[ProbeSize];
        var position = range.Offset + relativeOffset - 1; // a '\n' just before the offset means a line starts at it
        while (position < range.End)
        {
            var want = (int)Math.Min(probe.Length, range.End - position);
            var read = RandomAccess.Read(handle, probe.Slice(0, want), position);
            if (read == 0)
            {
                break;
            }

            var newline = probe.Slice(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return position + newline + 1;
            }

            position += read;
        }

        return range.End;
    }
}
