using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>Appends frames to a growable buffer; <see cref="SendTo(FrameTransport)"/> sends everything appended so far in one write.</summary>
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
        var header = GetSpan(Frame.HeaderSize);
        header[4] = (byte)kind;
        _written += Frame.HeaderSize;
    }

    public void End()
    {
        var length = _written - _frameStart - Frame.HeaderSize;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_frameStart, 4), length);
        _frameStart = -1;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _written += 4;
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _written += 1;
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

    /// <summary>Sends everything appended so far in one write (blocking; the worker's side).</summary>
    public void SendTo(FrameTransport transport)
    {
        transport.Send(_buffer.AsSpan(0, _written));
        _written = 0;
    }

    /// <summary>Sends everything appended so far in one write (blocking).</summary>
    public void SendTo(Socket socket) => SendTo(new SocketTransport(socket));

    /// <summary>A copy of what was appended so far (a message encoded for transport elsewhere).</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _written).ToArray();

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
