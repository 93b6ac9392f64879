using Microsoft.Win32.SafeHandles;

namespace Interop.Runtime.Streaming;

/// <summary>Where a scanner's bytes come from; structs so the generic scan loop is specialised per source.</summary>
internal interface IByteSource
{
    /// <summary>Fills as much of <paramref name="buffer"/> as the source has; 0 only at its end.</summary>
    int Read(Span<byte> buffer);
}

/// <summary>A range of a file read with positional reads: no shared file position, no extra buffering.</summary>
internal struct FileRangeSource(SafeFileHandle handle, FileChunk range) : IByteSource
{
    private long _position = range.Offset;

    public int Read(Span<byte> buffer)
    {
        var left = range.End - _position;
        if (left <= 0)
        {
            return 0;
        }

        if (buffer.Length > left)
        {
            buffer = buffer.Slice(0, (int)left);
        }

        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.Slice(total), _position);
            if (read == 0)
            {
                break; // the file shrank while being read
            }

            total += read;
            _position += read;
        }

        return total;
    }
}

/// <summary>A stream (a pipe, standard input), read until the buffer is full so kernels get large blocks.</summary>
internal readonly struct StreamSource(Stream stream) : IByteSource
{
    public int Read(Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
