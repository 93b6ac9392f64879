using System.Net.Sockets;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>A <see cref="FrameTransport"/> over a <see cref="Socket"/>: the pool's end, and a worker's where libc is not driven directly.</summary>
internal sealed class SocketTransport(Socket socket) : FrameTransport
{
    public Socket Socket { get; } = socket;

    public override int Receive(byte[] buffer, int offset, int count) => Socket.Receive(buffer, offset, count, SocketFlags.None);

    public override void Send(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[Socket.Send(data, SocketFlags.None)..];
        }
    }
}
