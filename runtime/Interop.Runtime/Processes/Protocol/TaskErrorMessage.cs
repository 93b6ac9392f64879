namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// Worker → pool: the task at <see cref="Position"/> of chunk <see cref="ChunkId"/> threw. The exception's type,
/// message and full text travel as strings; the worker lives on.
/// </summary>
internal readonly record struct TaskErrorMessage(long ChunkId, int Position, string Type, string Message, string Detail)
{
    public void Write(FrameWriter writer)
    {
        writer.Begin(FrameKind.TaskError);
        writer.WriteInt64(ChunkId);
        writer.WriteInt32(Position);
        writer.WriteString(Type);
        writer.WriteString(Message);
        writer.WriteString(Detail);
        writer.End();
    }

    public static TaskErrorMessage Read(ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        var message = new TaskErrorMessage(reader.ReadInt64(), reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString());
        reader.ExpectEnd();
        return message;
    }
}
