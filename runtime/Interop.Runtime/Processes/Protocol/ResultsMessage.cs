using System.Buffers.Binary;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// Worker → pool: the results of <see cref="Count"/> consecutive tasks of a chunk, from position <see cref="First"/>.
/// Two encodings: <see cref="FrameKind.Results"/> (chunk id int64, first int32, count int32, count × length-prefixed
/// result) and <see cref="FrameKind.FixedResults"/> for results that all have the task's fixed size (chunk id,
/// first, count, size int32, count × size bytes, no per-result length). The worker opens a message with its first
/// result and closes it when a flush or a task exception ends the run (<see cref="Open"/>, <see cref="Close"/>).
/// </summary>
internal readonly ref struct ResultsMessage
{
    private readonly ReadOnlySpan<byte> _payload;

    private ResultsMessage(long chunkId, int first, int count, int? size, ReadOnlySpan<byte> payload)
    {
        ChunkId = chunkId;
        First = first;
        Count = count;
        Size = size;
        _payload = payload;
    }

    public long ChunkId { get; }

    public int First { get; }

    public int Count { get; }

    /// <summary>The size of every result in a fixed-size message, else null.</summary>
    public int? Size { get; }

    /// <summary>Starts a message whose count is patched by <see cref="Close"/>; returns the count's slot.</summary>
    public static int Open(FrameWriter writer, long chunkId, int first, int? fixedSize)
    {
        writer.Begin(fixedSize is null ? FrameKind.Results : FrameKind.FixedResults);
        writer.WriteInt64(chunkId);
        writer.WriteInt32(first);
        var countSlot = writer.BeginBlock();
        if (fixedSize is { } size)
        {
            writer.WriteInt32(size);
        }

        return countSlot;
    }

    public static void Close(FrameWriter writer, int countSlot, int count)
    {
        writer.PatchInt32(countSlot, count);
        writer.End();
    }

    /// <summary>Reads and checks the whole body, so a malformed message settles no task at all.</summary>
    public static ResultsMessage Read(FrameKind kind, ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        var chunkId = reader.ReadInt64();
        var first = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (count <= 0)
        {
            throw new InvalidDataException($"a results frame for {count} tasks");
        }

        if (kind == FrameKind.FixedResults)
        {
            var size = reader.ReadInt32();
            if (size < 0 || (long)count * size != reader.Rest.Length)
            {
                throw new InvalidDataException($"a fixed-size results frame of {count} × {size} bytes carries {reader.Rest.Length}");
            }

            return new ResultsMessage(chunkId, first, count, size, reader.Rest);
        }

        var payload = reader.Rest;
        for (var i = 0; i < count; i++)
        {
            reader.ReadBlock();
        }

        reader.ExpectEnd();
        return new ResultsMessage(chunkId, first, count, null, payload);
    }

    /// <summary>The results in order; only valid on a message returned by <see cref="Read"/>.</summary>
    public Enumerator GetEnumerator() => new(_payload, Size, Count);

    /// <summary>Walks results already checked by <see cref="Read"/>.</summary>
    public ref struct Enumerator(ReadOnlySpan<byte> payload, int? size, int count)
    {
        private ReadOnlySpan<byte> _rest = payload;
        private int _left = count;

        public ReadOnlySpan<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_left-- == 0)
            {
                return false;
            }

            var length = size ?? BinaryPrimitives.ReadInt32LittleEndian(_rest);
            var skip = size is null ? 4 : 0;
            Current = _rest.Slice(skip, length);
            _rest = _rest[(skip + length)..];
            return true;
        }
    }
}
