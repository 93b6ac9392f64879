namespace Interop.Runtime.Processes.Protocol;

/// <summary>Worker → pool, once, first thing after connecting: the token it was given and its process id.</summary>
internal readonly record struct HelloMessage(string Token, int ProcessId)
{
    public void Write(FrameWriter writer)
    {
        writer.Begin(FrameKind.Hello);
        writer.WriteString(Token);
        writer.WriteInt32(ProcessId);
        writer.End();
    }

    public static HelloMessage Read(ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        var hello = new HelloMessage(reader.ReadString(), reader.ReadInt32());
        reader.ExpectEnd();
        return hello;
    }
}
