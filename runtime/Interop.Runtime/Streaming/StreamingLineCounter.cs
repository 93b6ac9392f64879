using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Interop.Runtime.Streaming;

/// <summary>
/// Counts the lines that contain a needle in one pass over a file, a file range or a stream, in constant
/// memory (one pooled buffer), on the calling thread. The needle search itself is the
/// <see cref="ILineMatcher"/>'s: managed spans or a native kernel, which gets the buffer without a copy.
/// </summary>
public static class StreamingLineCounter
{
    /// <summary>Counts the matching lines of the file at <paramref name="path"/>.</summary>
    public static long Count(string path, ILineMatcher matcher, LineScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        return Count(handle, new FileChunk(0, RandomAccess.GetLength(handle)), matcher, options, cancellationToken);
    }

    /// <summary>
    /// Counts the matching lines of <paramref name="range"/> of a file; the range should start at a line start.
    /// With <see cref="LineScanOptions.MemoryMapping"/> on, the range is mapped one line-aligned chunk at a
    /// time and the kernel reads the page cache directly; otherwise it is read through one pooled buffer.
    /// </summary>
    public static long Count(SafeFileHandle handle, FileChunk range, ILineMatcher matcher, LineScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(matcher);
        options ??= LineScanOptions.Default;
        var bufferSize = options.BufferSizeFor(matcher);
        using var map = FileChunkCounter.MapIfAllowed(handle, range, options);
        if (map is null)
        {
            var source = new FileRangeSource(handle, range);
            return Count(ref source, matcher, options, cancellationToken);
        }

        // The buffer is only for chunks too long to map (a giant line); rent it on first need.
        byte[]? buffer = null;
        try
        {
            long count = 0;
            var chunks = LineChunker.ChunkCount(range.Length, options.ChunkSize);
            for (long i = 0; i < chunks; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = LineChunker.GetChunk(handle, range, options.ChunkSize, i);
                if (chunk.Length > options.ChunkSize)
                {
                    buffer ??= ArrayPool<byte>.Shared.Rent(bufferSize);
                }

                count += FileChunkCounter.Count(handle, map, chunk, matcher, buffer.AsSpan(0, buffer is null ? 0 : bufferSize), options, cancellationToken);
            }

            return count;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Counts the matching lines of <paramref name="stream"/> from its current position to its end.</summary>
    public static long Count(Stream stream, ILineMatcher matcher, LineScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = new StreamSource(stream);
        return Count(ref source, matcher, options ?? LineScanOptions.Default, cancellationToken);
    }

    private static long Count<TSource>(ref TSource source, ILineMatcher matcher, LineScanOptions options, CancellationToken cancellationToken)
        where TSource : struct, IByteSource
    {
        ArgumentNullException.ThrowIfNull(matcher);
        var bufferSize = options.BufferSizeFor(matcher);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            return Count(ref source, matcher, buffer.AsSpan(0, bufferSize), options.Progress, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The scan loop: read after the carried bytes, count the whole lines, carry the tail, repeat.</summary>
    internal static long Count<TSource>(ref TSource source, ILineMatcher matcher, Span<byte> buffer, ProgressMeter? progress, CancellationToken cancellationToken)
        where TSource : struct, IByteSource
    {
        var tracker = new StraddlingLineTracker();
        long count = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var carry = tracker.CarryLength;
            var read = source.Read(buffer.Slice(carry));
            if (read == 0)
            {
                // What is left is a needle-short tail of a line already known not to match.
                return count + tracker.Matches;
            }

            var filled = buffer.Slice(0, carry + read);
            count += matcher.CountMatchingLines(filled[tracker.TakeWholeLines(filled, matcher)]);
            tracker.MoveCarry(filled, buffer);
            progress?.Advance(read);
        }
    }
}
