namespace Interop.Runtime.Processes.Protocol;

/// <summary>Pool → worker: finish and exit with code 0. Without it, a closed connection makes the worker kill itself.</summary>
internal static class ShutdownMessage
{
    public static void Write(FrameWriter writer)
    {
        writer.Begin(FrameKind.Shutdown);
        writer.End();
    }

    public static void Read(ReadOnlySpan<byte> body)
    {
        if (!body.IsEmpty)
        {
            throw new InvalidDataException($"a shutdown frame carries no body, got {body.Length} bytes");
        }
    }
}
