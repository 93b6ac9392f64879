using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Interop.Runtime.Processes;

/// <summary>What a frame between the pool and a worker carries.</summary>
internal enum FrameKind : byte
{
    /// <summary>Worker → pool, once: token (string), process id (int32).</summary>
    Hello = 1,

    /// <summary>Pool → worker: batch id (int64), task name (string), count (int32), count × argument (bytes).</summary>
    Run = 2,

    /// <summary>
    /// Worker → pool: batch id (int64), position in batch of the first result (int32), count (int32),
    /// count × encoded result (bytes), for consecutive positions.
    /// </summary>
    Result = 3,

    /// <summary>Worker → pool: batch id (int64), position (int32), exception type, message and detail (strings).</summary>
    Error = 4,

    /// <summary>Pool → worker: finish and exit with code 0.</summary>
    Shutdown = 5,

    /// <summary>
    /// Worker → pool: <see cref="Result"/> for a task whose results all encode to the same size (blittable values):
    /// batch id (int64), position of the first result (int32), count (int32), size (int32), count × size bytes.
    /// </summary>
    FixedResult = 6,
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

    public static int ParseHeader(ReadOnlySpan<byte> header, out FrameKind kind)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        kind = (FrameKind)header[4];
        if (length < 0 || length > MaxBodyLength || kind is < FrameKind.Hello or > FrameKind.FixedResult)
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
    private byte[] _buffer;
    private int _written;
    private int _frameStart = -1;

    public FrameWriter(int capacity = 4096) => _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(capacity, 16));

    /// <summary>The underlying buffer; the first <see cref="PendingBytes"/> bytes are what was written.</summary>
    public byte[] Buffer => _buffer;

    public int PendingBytes => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Begin(FrameKind kind)
    {
        if (_frameStart >= 0)
        {
            throw new InvalidOperationException("A frame is already open.");
        }

        _frameStart = _written;
        var header = GetSpan(FrameProtocol.HeaderSize);
        header[4] = (byte)kind;
        _written += FrameProtocol.HeaderSize;
    }

    public void End()
    {
        var length = _written - _frameStart - FrameProtocol.HeaderSize;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_frameStart, 4), length);
        _frameStart = -1;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _written += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        _written += 8;
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        _written += Encoding.UTF8.GetBytes(value, GetSpan(count));
    }

    /// <summary>
    /// Writes arguments <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of an encoded
    /// call as blocks, reserving the space once (a chunk of trivial tasks holds thousands).
    /// </summary>
    public void WriteBlocks(byte[] data, int[] ends, int first, int count)
    {
        var start = first == 0 ? 0 : ends[first - 1];
        var end = count == 0 ? start : ends[first + count - 1];
        var target = GetSpan(checked(count * 4 + end - start));
        var at = 0;
        for (var index = first; index < first + count; index++)
        {
            var offset = index == 0 ? 0 : ends[index - 1];
            var length = ends[index] - offset;
            BinaryPrimitives.WriteInt32LittleEndian(target.Slice(at), length);
            data.AsSpan(offset, length).CopyTo(target.Slice(at + 4));
            at += 4 + length;
        }

        _written += at;
    }

    /// <summary>Starts a length-prefixed block whose content the caller writes through this writer.</summary>
    public int BeginBlock()
    {
        var at = _written;
        WriteInt32(0);
        return at;
    }

    public void EndBlock(int at) => PatchInt32(at, _written - at - 4);

    /// <summary>Overwrites an int32 written earlier at <paramref name="at"/> (a count or length slot).</summary>
    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at, 4), value);

    public void WriteTo(Stream stream)
    {
        stream.Write(_buffer, 0, _written);
        _written = 0;
    }

    public async ValueTask WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_buffer.AsMemory(0, _written), cancellationToken).ConfigureAwait(false);
        _written = 0;
    }

    /// <summary>Drops everything after <paramref name="writtenCount"/> (a half-written frame whose payload encoder threw).</summary>
    public void Rollback(int writtenCount)
    {
        _written = writtenCount;
        if (_frameStart >= writtenCount)
        {
            _frameStart = -1;
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int sizeHint)
    {
        if (_buffer.Length - _written < Math.Max(sizeHint, 1))
        {
            Grow(Math.Max(sizeHint, 1));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        var grown = GC.AllocateUninitializedArray<byte>(Math.Max(_written + sizeHint, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        _buffer = grown;
    }
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
