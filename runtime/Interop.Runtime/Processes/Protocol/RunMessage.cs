namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// Pool → worker: run a chunk. Body: chunk id (int64, ties the answers to it), task name (string), count (int32),
/// count × argument (length-prefixed bytes). The arguments are the <see cref="EncodedChunk"/>'s bytes unchanged.
/// </summary>
internal static class RunMessage
{
    public static void Write(FrameWriter writer, long chunkId, EncodedChunk chunk)
    {
        writer.Begin(FrameKind.Run);
        writer.WriteInt64(chunkId);
        writer.WriteString(chunk.TaskName);
        writer.WriteInt32(chunk.Count);
        chunk.WriteArguments(writer);
        writer.End();
    }

    /// <summary>Reads the fixed fields; <paramref name="arguments"/> is left at the first argument block.</summary>
    public static (long ChunkId, string TaskName, int Count) Read(ReadOnlySpan<byte> body, out FrameReader arguments)
    {
        arguments = new FrameReader(body);
        var chunkId = arguments.ReadInt64();
        var name = arguments.ReadString();
        var count = arguments.ReadCount(minItemBytes: 4);
        return (chunkId, name, count);
    }
}
