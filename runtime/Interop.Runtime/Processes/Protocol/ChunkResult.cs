using System.Buffers;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// How every task of an <see cref="EncodedChunk"/> ended, still encoded: each position holds either the result
/// bytes its task's <see cref="WorkerTask{TArg,TResult}.ResultCodec"/> wrote or a <see cref="TaskFailure"/>.
/// What <see cref="ProcessPool.RunChunkAsync"/> returns; <see cref="ToBytes"/>/<see cref="FromBytes"/> carry it
/// back to the machine that encoded the chunk, and <see cref="Decode{TArg,TResult}"/> turns it into the
/// <see cref="TaskOutcome{TResult}"/> values a local map yields.
/// </summary>
public sealed class ChunkResult
{
    private const byte FormatVersion = 1;

    private readonly byte[] _data;
    private readonly int[] _offsets;
    private readonly int[] _lengths; // -1: failed
    private readonly TaskFailure?[]? _failures;

    internal ChunkResult(string taskName, int firstIndex, byte[] data, int[] offsets, int[] lengths, TaskFailure?[]? failures)
    {
        TaskName = taskName;
        FirstIndex = firstIndex;
        _data = data;
        _offsets = offsets;
        _lengths = lengths;
        _failures = failures;
    }

    /// <summary>The task the chunk ran.</summary>
    public string TaskName { get; }

    /// <summary>Index in the whole map of the first task (the chunk's <see cref="EncodedChunk.FirstIndex"/>).</summary>
    public int FirstIndex { get; }

    /// <summary>Number of tasks, each with exactly one outcome.</summary>
    public int Count => _lengths.Length;

    /// <summary>True when the task at <paramref name="position"/> produced a result.</summary>
    public bool Succeeded(int position) => _lengths[position] >= 0;

    /// <summary>The encoded result at <paramref name="position"/>; throws when that task failed.</summary>
    public ReadOnlySpan<byte> EncodedResult(int position) => Succeeded(position)
        ? _data.AsSpan(_offsets[position], _lengths[position])
        : throw new InvalidOperationException($"Task {FirstIndex + position} of '{TaskName}' failed: {_failures![position]!.Message}");

    /// <summary>Why the task at <paramref name="position"/> failed, or null when it succeeded.</summary>
    public TaskFailure? Failure(int position) => Succeeded(position) ? null : _failures![position];

    /// <summary>
    /// The outcomes with decoded results and failures as the exceptions a local pool reports, numbered from
    /// <see cref="FirstIndex"/>. A result that does not decode becomes that task's <see cref="InvalidDataException"/>.
    /// </summary>
    public TaskOutcome<TResult>[] Decode<TArg, TResult>(WorkerTask<TArg, TResult> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Name != TaskName)
        {
            throw new ArgumentException($"This result is of task '{TaskName}', not '{task.Name}'.", nameof(task));
        }

        var outcomes = new TaskOutcome<TResult>[Count];
        for (var position = 0; position < outcomes.Length; position++)
        {
            outcomes[position] = DecodeAt(task, position);
        }

        return outcomes;
    }

    internal TaskOutcome<TResult> DecodeAt<TArg, TResult>(WorkerTask<TArg, TResult> task, int position)
    {
        var index = FirstIndex + position;
        if (!Succeeded(position))
        {
            return new TaskOutcome<TResult>(index, default, _failures![position]!.ToException(TaskName));
        }

        try
        {
            return new TaskOutcome<TResult>(index, task.ResultCodec.Read(EncodedResult(position)), null);
        }
        catch (Exception e)
        {
            return new TaskOutcome<TResult>(index, default, new InvalidDataException($"Could not decode the result of task '{TaskName}': {e.Message}", e));
        }
    }

    /// <summary>A self-contained copy for transport; <see cref="FromBytes"/> reads it back.</summary>
    public byte[] ToBytes()
    {
        var writer = new FrameWriter(64 + _data.Length + Count * 5);
        writer.WriteByte(FormatVersion);
        writer.WriteString(TaskName);
        writer.WriteInt32(FirstIndex);
        writer.WriteInt32(Count);
        for (var position = 0; position < Count; position++)
        {
            if (Succeeded(position))
            {
                writer.WriteByte(1);
                writer.WriteInt32(_lengths[position]);
                writer.Write(EncodedResult(position));
            }
            else
            {
                writer.WriteByte(0);
                _failures![position]!.Write(writer);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Reads a result written by <see cref="ToBytes"/>; malformed input is an <see cref="InvalidDataException"/>.</summary>
    public static ChunkResult FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        if (reader.ReadByte() is var version && version != FormatVersion)
        {
            throw new InvalidDataException($"Chunk result format {version} is not {FormatVersion}.");
        }

        var name = reader.ReadString();
        var first = reader.ReadInt32();
        var builder = new Builder(name, first, reader.ReadCount(minItemBytes: 1));
        for (var position = 0; position < builder.Count; position++)
        {
            if (reader.ReadByte() == 1)
            {
                builder.Succeed(position, reader.ReadBlock());
            }
            else
            {
                builder.Fail(position, TaskFailure.Read(ref reader));
            }
        }

        reader.ExpectEnd();
        return builder.Build();
    }

    /// <summary>Collects outcomes in any order (from several workers at once), each position once.</summary>
    internal sealed class Builder(string taskName, int firstIndex, int count)
    {
        private readonly Lock _gate = new();
        private readonly FrameWriter _data = new(Math.Max(64, count * 8));
        private readonly int[] _offsets = new int[count];
        private readonly int[] _lengths = new int[count];
        private TaskFailure?[]? _failures;

        public int Count => count;

        public void Succeed(int position, ReadOnlySpan<byte> result)
        {
            lock (_gate)
            {
                _offsets[position] = _data.PendingBytes;
                _lengths[position] = result.Length;
                _data.Write(result);
            }
        }

        public void Fail(int position, TaskFailure failure)
        {
            lock (_gate)
            {
                (_failures ??= new TaskFailure?[count])[position] = failure;
                _lengths[position] = -1;
            }
        }

        public ChunkResult Build()
        {
            lock (_gate)
            {
                return new ChunkResult(taskName, firstIndex, _data.Buffer, _offsets, _lengths, _failures);
            }
        }
    }
}
