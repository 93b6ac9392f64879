using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Interop.Runtime.Processes.Protocol;

/// <summary>
/// The one receive loop of the protocol, used by both ends: the pool's reader thread for each worker and the
/// worker's main thread. It receives whatever the socket has into one buffer and hands out every complete frame
/// in it without another system call, so a burst of result frames costs one receive. Blocking on purpose: each
/// end reads on a thread of its own, which wakes straight from the kernel (no hop through an event loop).
/// </summary>
internal sealed class FrameReceiver
{
    private readonly FrameTransport _transport;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public FrameReceiver(FrameTransport transport, string peer)
    {
        _transport = transport;
        Peer = peer;
    }

    public FrameReceiver(Socket socket, string peer)
        : this(new SocketTransport(socket), peer)
    {
    }

    /// <summary>Who sends on this socket ("worker 1234", "the pool"), for error messages.</summary>
    public string Peer { get; }

    /// <summary>
    /// Waits for the next whole frame. False when the peer closed the connection between frames; a connection
    /// closed inside a frame, or a header no peer can send, is a <see cref="ProtocolViolationException"/> naming the peer.
    /// <paramref name="body"/> is valid until the next call.
    /// </summary>
    public bool Next(out FrameKind kind, out ReadOnlySpan<byte> body)
    {
        while (true)
        {
            if (_end - _start >= Frame.HeaderSize)
            {
                int length;
                try
                {
                    length = Frame.ParseHeader(_buffer.AsSpan(_start, Frame.HeaderSize), out kind);
                }
                catch (InvalidDataException e)
                {
                    throw Violation(e.Message);
                }

                if (_end - _start - Frame.HeaderSize >= length)
                {
                    body = _buffer.AsSpan(_start + Frame.HeaderSize, length);
                    _start += Frame.HeaderSize + length;
                    return true;
                }

                MakeRoom(Frame.HeaderSize + length);
            }
            else
            {
                MakeRoom(Frame.HeaderSize);
            }

            var received = _transport.Receive(_buffer, _end, _buffer.Length - _end);
            if (received == 0)
            {
                kind = default;
                body = default;
                if (_end != _start)
                {
                    throw Violation($"the connection closed inside a frame ({_end - _start} bytes of it received)");
                }

                return false;
            }

            _end += received;
        }
    }

    /// <summary>The error for a frame <see cref="Peer"/> should not have sent, saying what it got wrong.</summary>
    public ProtocolViolationException Violation(string what) => new($"Protocol violation by {Peer}: {what}.");

    // Keeps the unread bytes at the front and the buffer big enough for a frame of `needed` bytes.
    private void MakeRoom(int needed)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }

        if (_buffer.Length - _start >= needed && _buffer.Length - _end >= 4096)
        {
            return;
        }

        var target = _buffer.Length >= needed + 4096 ? _buffer : new byte[Math.Max(needed + 4096, _buffer.Length * 2)];
        _buffer.AsSpan(_start, _end - _start).CopyTo(target);
        (_buffer, _end, _start) = (target, _end - _start, 0);
    }
}
