using System.Buffers.Binary;
using System.Text;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// Reads the fields of one frame body in order. Every read is bounds-checked: a body shorter than its fields
/// say is an <see cref="InvalidDataException"/> (a protocol violation), never an index error or a wrong value.
/// </summary>
internal ref struct FrameReader(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public readonly bool IsAtEnd => _rest.IsEmpty;

    public int ReadInt32()
    {
        if (_rest.Length < 4)
        {
            throw Truncated();
        }

        var value = BinaryPrimitives.ReadInt32LittleEndian(_rest);
        _rest = _rest[4..];
        return value;
    }

    public long ReadInt64()
    {
        if (_rest.Length < 8)
        {
            throw Truncated();
        }

        var value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
        _rest = _rest[8..];
        return value;
    }

    public byte ReadByte()
    {
        if (_rest.IsEmpty)
        {
            throw Truncated();
        }

        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    public ReadOnlySpan<byte> ReadBlock()
    {
        var length = ReadInt32();
        return ReadBytes(length);
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length < 0 || length > _rest.Length)
        {
            throw Truncated();
        }

        var block = _rest[..length];
        _rest = _rest[length..];
        return block;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBlock());

    /// <summary>A count field: non-negative and at most one item per <paramref name="minItemBytes"/> of what is left.</summary>
    public int ReadCount(int minItemBytes)
    {
        var count = ReadInt32();
        if (count < 0 || (minItemBytes > 0 && count > _rest.Length / minItemBytes))
        {
            throw new InvalidDataException($"frame claims {count} items but has {_rest.Length} bytes left");
        }

        return count;
    }

    /// <summary>Call when every field was read: trailing bytes mean the peers disagree on the format.</summary>
    public readonly void ExpectEnd()
    {
        if (!_rest.IsEmpty)
        {
            throw new InvalidDataException($"{_rest.Length} unexpected bytes at the end of a frame");
        }
    }

    private static InvalidDataException Truncated() => new("truncated frame body");
}
