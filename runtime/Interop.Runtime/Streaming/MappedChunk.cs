using System.IO.MemoryMappedFiles;

namespace Interop.Runtime.Streaming;

/// <summary>
/// A chunk of a file mapped into memory for as long as the value lives: a kernel reads the page cache
/// through <see cref="Span"/> directly, with no copy into a buffer. Mapping one chunk at a time (and
/// unmapping it after) keeps the resident set at a chunk per worker, whatever the file size.
/// </summary>
/// <remarks>
/// Like every reader of mapped files (ripgrep included), a process whose file is truncated by someone
/// else while mapped can be killed by SIGBUS; turn <see cref="LineScanOptions.MemoryMapping"/> off for
/// files that other processes shrink in place.
/// </remarks>
public sealed unsafe class MappedChunk : IDisposable
{
    /// <summary>Largest chunk that can be mapped as one span.</summary>
    public const long MaxLength = int.MaxValue;

    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;

    private MappedChunk(MemoryMappedViewAccessor view, byte* start, FileChunk chunk)
    {
        _view = view;
        _start = start;
        Chunk = chunk;
    }

    /// <summary>The range of the file this maps.</summary>
    public FileChunk Chunk { get; }

    /// <summary>The chunk's bytes, read-only, straight from the page cache.</summary>
    public ReadOnlySpan<byte> Span => new(_start, (int)Chunk.Length);

    /// <summary>Maps <paramref name="chunk"/> of <paramref name="file"/>, which must not be empty.</summary>
    public static MappedChunk Map(MemoryMappedFile file, FileChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunk.Length, nameof(chunk));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunk.Length, MaxLength, nameof(chunk));
        var view = file.CreateViewAccessor(chunk.Offset, chunk.Length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        // The view starts at a page boundary; PointerOffset is how far into it the chunk starts.
        return new MappedChunk(view, pointer + view.PointerOffset, chunk);
    }

    /// <summary>Opens a whole file for mapping chunks; the handle stays owned by the caller.</summary>
    internal static MemoryMappedFile OpenFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
        MemoryMappedFile.CreateFromFile(handle, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);

    /// <summary>Unmaps the chunk; spans obtained from it must not be used afterwards.</summary>
    public void Dispose()
    {
        if (!_view.SafeMemoryMappedViewHandle.IsClosed)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view.Dispose();
    }
}
