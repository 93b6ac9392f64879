namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// Consecutive tasks of one map, encoded: the task's name and timeout, the index of the first task in the map,
/// and each argument as the bytes its <see cref="WorkerTask{TArg,TResult}.ArgumentCodec"/> wrote. This is the
/// unit a pool hands a worker (Python's <c>chunksize</c> tasks), and it is a plain value: <see cref="ToBytes"/>
/// and <see cref="FromBytes"/> carry it to another machine unchanged, where
/// <see cref="ProcessPool.RunChunkAsync"/> runs it on that machine's workers and answers with a
/// <see cref="ChunkResult"/>. Only the name crosses, never a delegate: both sides must register the same task.
/// </summary>
public sealed class EncodedChunk
{
    private const byte FormatVersion = 1;

    // Arguments of a whole map live in one buffer (data) with cumulative ends; a chunk is a window [at, at + Count)
    // over them, so cutting a map into chunks allocates nothing per task.
    private readonly byte[] _data;
    private readonly int[] _ends;
    private readonly int _at;

    internal EncodedChunk(string taskName, TimeSpan? timeout, byte[] data, int[] ends, int at, int firstIndex, int count)
    {
        TaskName = taskName;
        Timeout = timeout;
        _data = data;
        _ends = ends;
        _at = at;
        FirstIndex = firstIndex;
        Count = count;
    }

    /// <summary>The name the worker finds the task by.</summary>
    public string TaskName { get; }

    /// <summary>The task's own timeout (<see cref="WorkerTask.Timeout"/>); null uses the running pool's <see cref="PoolOptions.TaskTimeout"/>.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Index in the whole map of the chunk's first task; the results of the chunk are numbered from it.</summary>
    public int FirstIndex { get; }

    /// <summary>Number of tasks.</summary>
    public int Count { get; }

    /// <summary>Bytes of all encoded arguments together.</summary>
    public int ArgumentBytes => Count == 0 ? 0 : _ends[_at + Count - 1] - Start(_at);

    /// <summary>
    /// Encodes <paramref name="arguments"/> for <paramref name="task"/>, numbering them from <paramref name="firstIndex"/>.
    /// The sequence is enumerated once.
    /// </summary>
    public static EncodedChunk Encode<TArg, TResult>(WorkerTask<TArg, TResult> task, IEnumerable<TArg> arguments, int firstIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        var (data, ends) = ArgumentEncoder.Encode(task.ArgumentCodec, arguments);
        return new EncodedChunk(task.Name, task.Timeout, data, ends, 0, firstIndex, ends.Length);
    }

    /// <summary>Cuts this chunk into consecutive chunks of at most <paramref name="chunkSize"/> tasks, sharing its bytes.</summary>
    public IEnumerable<EncodedChunk> Split(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        for (var position = 0; position < Count; position += chunkSize)
        {
            yield return Slice(position, Math.Min(chunkSize, Count - position));
        }
    }

    /// <summary>A self-contained copy for transport (a grain call, a message queue); <see cref="FromBytes"/> reads it back.</summary>
    public byte[] ToBytes()
    {
        var writer = new FrameWriter(64 + TaskName.Length * 3 + ArgumentBytes + Count * 4);
        writer.WriteByte(FormatVersion);
        writer.WriteString(TaskName);
        writer.WriteInt64(Timeout is { } t ? t.Ticks : long.MinValue);
        writer.WriteInt32(FirstIndex);
        writer.WriteInt32(Count);
        WriteArguments(writer);
        return writer.ToArray();
    }

    /// <summary>Reads a chunk written by <see cref="ToBytes"/>; malformed input is an <see cref="InvalidDataException"/>.</summary>
    public static EncodedChunk FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        if (reader.ReadByte() is var version && version != FormatVersion)
        {
            throw new InvalidDataException($"Encoded chunk format {version} is not {FormatVersion}.");
        }

        var name = reader.ReadString();
        var ticks = reader.ReadInt64();
        var first = reader.ReadInt32();
        var count = reader.ReadCount(minItemBytes: 4);
        if (first < 0)
        {
            throw new InvalidDataException($"Encoded chunk starts at index {first}.");
        }

        var data = GC.AllocateUninitializedArray<byte>(reader.Rest.Length - count * 4);
        var ends = new int[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var argument = reader.ReadBlock();
            if (argument.Length > data.Length - at)
            {
                throw new InvalidDataException("Encoded chunk arguments are longer than the chunk.");
            }

            argument.CopyTo(data.AsSpan(at));
            at += argument.Length;
            ends[i] = at;
        }

        reader.ExpectEnd();
        return new EncodedChunk(name, ticks == long.MinValue ? null : TimeSpan.FromTicks(ticks), data, ends, 0, first, count);
    }

    /// <summary>The encoded argument of the task at <paramref name="position"/> in this chunk.</summary>
    internal ReadOnlySpan<byte> Argument(int position)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)position, (uint)Count, nameof(position));
        var start = Start(_at + position);
        return _data.AsSpan(start, _ends[_at + position] - start);
    }

    /// <summary>Tasks <paramref name="position"/> … +<paramref name="count"/> of this chunk as a chunk of their own.</summary>
    internal EncodedChunk Slice(int position, int count)
    {
        if (position < 0 || count < 0 || position > Count - count)
        {
            throw new ArgumentOutOfRangeException(nameof(position));
        }

        return new EncodedChunk(TaskName, Timeout, _data, _ends, _at + position, FirstIndex + position, count);
    }

    /// <summary>Writes the arguments as length-prefixed blocks (the body of a run frame after its header fields).</summary>
    internal void WriteArguments(FrameWriter writer) => writer.WriteBlocks(_data, _ends, _at, Count);

    private int Start(int index) => index == 0 ? 0 : _ends[index - 1];
}
