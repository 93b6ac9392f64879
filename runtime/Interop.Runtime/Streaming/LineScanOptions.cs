namespace Interop.Runtime.Streaming;

/// <summary>How the line scanners read their input.</summary>
public sealed record LineScanOptions
{
    /// <summary>The default read buffer: 256 KiB, large enough to amortise system calls, small enough to stay in the L2 cache.</summary>
    public const int DefaultBufferSize = 256 * 1024;

    /// <summary>Bytes per read buffer (one per worker). Lines may be longer: they are settled piecewise, never buffered whole.</summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>Workers of the parallel scanners; the processor count by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Bytes per line-aligned chunk of a file: what a parallel worker takes at a time, and what is mapped at
    /// once when <see cref="MemoryMapping"/> is on (4 MiB by default, so a few chunks in flight stay far below 64 MiB).
    /// </summary>
    public long ChunkSize { get; init; } = 4L * 1024 * 1024;

    /// <summary>
    /// Whether regular files are scanned through memory-mapped chunks (<see cref="MappedChunk"/>: no copy from the
    /// page cache) rather than read into the buffer. On by default; streams are always read.
    /// </summary>
    public bool MemoryMapping { get; init; } = true;

    /// <summary>Receives the bytes processed, or null.</summary>
    public ProgressMeter? Progress { get; init; }

    /// <summary>The default options.</summary>
    public static LineScanOptions Default { get; } = new();

    internal int BufferSizeFor(ILineMatcher matcher)
    {
        // The carried needle prefix must leave room for new bytes in each read.
        var least = Math.Max(matcher.NeedleLength, 1) + 1;
        if (BufferSize < least)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferSize), BufferSize, $"The buffer must hold at least the needle plus one byte ({least} bytes).");
        }

        return BufferSize;
    }
}
