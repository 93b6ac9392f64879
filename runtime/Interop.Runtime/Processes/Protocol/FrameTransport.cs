namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// The connected byte stream frames travel over. The pool's end is a <see cref="System.Net.Sockets.Socket"/>
/// (<see cref="SocketTransport"/>); a worker on Linux drives its descriptor through libc directly
/// (<see cref="LibcSocket"/>), because loading and starting System.Net.Sockets costs a freshly started worker more
/// CPU than everything else it does before its first task, and a recycling pool starts workers all the time.
/// </summary>
internal abstract class FrameTransport
{
    /// <summary>Blocks until some bytes arrive and copies up to <paramref name="count"/> of them; 0 when the peer closed.</summary>
    public abstract int Receive(byte[] buffer, int offset, int count);

    /// <summary>Blocks until all of <paramref name="data"/> is written.</summary>
    public abstract void Send(ReadOnlySpan<byte> data);
}
