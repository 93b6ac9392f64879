using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace Interop.Runtime.Streaming;

/// <summary>Counts the matching lines of one line-aligned chunk: mapped when allowed, else read through the buffer.</summary>
internal static class FileChunkCounter
{
    /// <summary>Chunks up to this many times the chunk size are still mapped; longer ones (a giant line) are read piecewise.</summary>
    private const int MappedChunkSlack = 4;

    public static MemoryMappedFile? MapIfAllowed(SafeFileHandle handle, FileChunk range, LineScanOptions options) =>
        options.MemoryMapping && range.Length > 0 ? MappedChunk.OpenFile(handle) : null;

    public static long Count(SafeFileHandle handle, MemoryMappedFile? map, FileChunk chunk, ILineMatcher matcher, Span<byte> buffer, LineScanOptions options, CancellationToken cancellationToken)
    {
        if (chunk.Length == 0)
        {
            return 0;
        }

        if (map is not null && chunk.Length <= Math.Min(MappedChunk.MaxLength, options.ChunkSize * MappedChunkSlack))
        {
            using var mapped = MappedChunk.Map(map, chunk);
            var count = matcher.CountMatchingLines(mapped.Span);
            options.Progress?.Advance(chunk.Length);
            return count;
        }

        var source = new FileRangeSource(handle, chunk);
        return StreamingLineCounter.Count(ref source, matcher, buffer, options.Progress, cancellationToken);
    }
}
