using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Interop.Runtime.Processes;

/// <summary>What a frame between the pool and a worker carries.</summary>
internal enum FrameKind : byte
{
    /// <summary>Worker → pool, once: token (string), process id (int32).</summary>
    Hello = 1,

    /// <summary>Pool → worker: batch id (int64), task name (string), count (int32), count × argument (bytes).</summary>
    Run = 2,

    /// <summary>Worker → pool: batch id (int64), position in batch (int32), the encoded result (rest of frame).</summary>
    Result = 3,

    /// <summary>Worker → pool: batch id (int64), position (int32), exception type, message and detail (strings).</summary>
    Error = 4,

    /// <summary>Pool → worker: finish and exit with code 0.</summary>
    Shutdown = 5,
}

/// <summary>
/// The wire format on the worker socket: each frame is a little-endian int32 body length, one
/// <see cref="FrameKind"/> byte and the body. Strings and byte blocks inside a body are int32
/// length-prefixed. Nothing else ever travels on the socket; worker stdout/stderr are separate pipes.
/// </summary>
internal static class FrameProtocol
{
    public const int HeaderSize = 5;

    /// <summary>Refuse absurd lengths so a corrupt stream fails fast instead of allocating gigabytes.</summary>
    public const int MaxBodyLength = 512 * 1024 * 1024;

    /// <summary>Reads one frame into <paramref name="buffer"/> (grown as needed). False on a clean end of stream.</summary>
    public static bool TryRead(Stream stream, ref byte[] buffer, out FrameKind kind, out int length)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        kind = default;
        length = 0;
        var read = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }

        if (read < HeaderSize)
        {
            throw new EndOfStreamException("The connection closed inside a frame header.");
        }

        length = ParseHeader(header, out kind);
        EnsureCapacity(ref buffer, length);
        stream.ReadExactly(buffer, 0, length);
        return true;
    }

    /// <summary>Async <see cref="TryRead"/>: null on a clean end of stream.</summary>
    public static async ValueTask<(FrameKind Kind, int Length)?> ReadAsync(Stream stream, FrameBuffer buffer, CancellationToken cancellationToken)
    {
        var header = buffer.Header;
        var read = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderSize)
        {
            throw new EndOfStreamException("The connection closed inside a frame header.");
        }

        var length = ParseHeader(header.Span, out var kind);
        EnsureCapacity(ref buffer.Body, length);
        await stream.ReadExactlyAsync(buffer.Body.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        return (kind, length);
    }

    private static int ParseHeader(ReadOnlySpan<byte> header, out FrameKind kind)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        kind = (FrameKind)header[4];
        if (length < 0 || length > MaxBodyLength || kind is < FrameKind.Hello or > FrameKind.Shutdown)
        {
            throw new InvalidDataException($"Corrupt frame header (length {length}, kind {(byte)kind}).");
        }

        return length;
    }

    private static void EnsureCapacity(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }
    }
}

/// <summary>Reusable read buffers for <see cref="FrameProtocol.ReadAsync"/>.</summary>
internal sealed class FrameBuffer
{
    public readonly Memory<byte> Header = new byte[FrameProtocol.HeaderSize];
    public byte[] Body = new byte[4096];
}

/// <summary>Appends frames to a growable buffer; <see cref="WriteTo"/> sends everything appended so far in one write.</summary>
internal sealed class FrameWriter : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private int _frameStart = -1;

    public int PendingBytes => _buffer.WrittenCount;

    public void Begin(FrameKind kind)
    {
        if (_frameStart >= 0)
        {
            throw new InvalidOperationException("A frame is already open.");
        }

        _frameStart = _buffer.WrittenCount;
        var header = _buffer.GetSpan(FrameProtocol.HeaderSize);
        header[4] = (byte)kind;
        _buffer.Advance(FrameProtocol.HeaderSize);
    }

    public void End()
    {
        var length = _buffer.WrittenCount - _frameStart - FrameProtocol.HeaderSize;
        // ArrayBufferWriter exposes its written memory read-only; the header slot is ours to patch.
        var header = System.Runtime.InteropServices.MemoryMarshal.AsMemory(_buffer.WrittenMemory.Slice(_frameStart, 4));
        BinaryPrimitives.WriteInt32LittleEndian(header.Span, length);
        _frameStart = -1;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(value, _buffer);
    }

    public void WriteBlock(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        _buffer.Write(value);
    }

    /// <summary>Starts a length-prefixed block whose content the caller writes through this writer.</summary>
    public int BeginBlock()
    {
        var at = _buffer.WrittenCount;
        WriteInt32(0);
        return at;
    }

    public void EndBlock(int at)
    {
        var length = _buffer.WrittenCount - at - 4;
        var slot = System.Runtime.InteropServices.MemoryMarshal.AsMemory(_buffer.WrittenMemory.Slice(at, 4));
        BinaryPrimitives.WriteInt32LittleEndian(slot.Span, length);
    }

    public void WriteTo(Stream stream)
    {
        stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    public async ValueTask WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Drops a half-written frame (its payload encoder threw).</summary>
    public void Rollback(int writtenCount)
    {
        // ArrayBufferWriter cannot shrink, so copy the kept prefix back.
        var kept = _buffer.WrittenSpan[..writtenCount].ToArray();
        _buffer.ResetWrittenCount();
        _buffer.Write(kept);
        _frameStart = -1;
    }

    void IBufferWriter<byte>.Advance(int count) => _buffer.Advance(count);

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => _buffer.GetMemory(sizeHint);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => _buffer.GetSpan(sizeHint);
}

/// <summary>Reads the fields of one frame body in order.</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(_rest);
        _rest = _rest[4..];
        return value;
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
        _rest = _rest[8..];
        return value;
    }

    public ReadOnlySpan<byte> ReadBlock()
    {
        var length = ReadInt32();
        var block = _rest[..length];
        _rest = _rest[length..];
        return block;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBlock());
}
