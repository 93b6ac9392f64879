using System.Runtime.InteropServices;
using System.Text;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// A Linux worker's connection to its pool: a Unix domain socket opened, read and written through libc directly.
/// A worker that used <see cref="System.Net.Sockets.Socket"/> instead spent about 25 ms of CPU loading and starting
/// System.Net.Sockets before its first task, as much again as the runtime's own start; with
/// <see cref="PoolOptions.MaxTasksPerWorker"/> workers are started all the time. Also the one place the worker's
/// other libc calls live: the hang-up watch's <c>poll</c> and the hard exit when the pool is gone.
/// </summary>
internal sealed unsafe class LibcSocket : FrameTransport
{
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int MsgNoSignal = 0x4000;
    private const int EIntr = 4;
    private const int SigKill = 9;

    private static readonly Functions? s_libc = Functions.Load();

    private LibcSocket(int descriptor) => Descriptor = descriptor;

    /// <summary>True where these calls are available (Linux with glibc's libc.so.6).</summary>
    public static bool IsAvailable => s_libc is not null;

    public int Descriptor { get; }

    /// <summary>Connects to <paramref name="endpoint"/> ("@name" for the abstract namespace, else a path).</summary>
    /// <exception cref="IOException">The socket cannot be created or the pool does not answer; the message has the errno.</exception>
    public static LibcSocket Connect(string endpoint)
    {
        var libc = s_libc ?? throw new PlatformNotSupportedException("libc.so.6 is not available.");
        var abstractName = endpoint.StartsWith('@');
        var path = Encoding.UTF8.GetBytes(abstractName ? endpoint[1..] : endpoint);
        // struct sockaddr_un: sa_family_t (2 bytes), then sun_path[108]; an abstract name starts with a NUL byte.
        const int pathCapacity = 108;
        if (path.Length + 1 > pathCapacity)
        {
            throw new IOException($"The pool's endpoint '{endpoint}' is longer than a Unix socket address allows.");
        }

        var address = stackalloc byte[2 + pathCapacity];
        new Span<byte>(address, 2 + pathCapacity).Clear();
        *(ushort*)address = AfUnix;
        path.CopyTo(new Span<byte>(address + 2 + (abstractName ? 1 : 0), path.Length));
        var length = 2 + path.Length + 1; // abstract: the leading NUL; a path: its terminating NUL

        var descriptor = libc.Socket(AfUnix, SockStream | SockCloexec, 0);
        if (descriptor < 0)
        {
            throw new IOException($"socket(AF_UNIX) failed (errno {Marshal.GetLastSystemError()}).");
        }

        int result;
        do
        {
            result = libc.Connect(descriptor, address, length);
        }
        while (result < 0 && Marshal.GetLastSystemError() == EIntr);

        if (result < 0)
        {
            var errno = Marshal.GetLastSystemError();
            libc.Close(descriptor);
            throw new IOException($"connect failed (errno {errno}).");
        }

        return new LibcSocket(descriptor);
    }

    public override int Receive(byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)offset + (ulong)(uint)count, (ulong)buffer.Length, nameof(count));
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var received = s_libc!.Receive(Descriptor, start + offset, (nuint)count, 0);
                if (received >= 0)
                {
                    return (int)received;
                }

                if (Marshal.GetLastSystemError() != EIntr)
                {
                    throw new IOException($"recv from the pool failed (errno {Marshal.GetLastSystemError()}).");
                }
            }
        }
    }

    public override void Send(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var sent = 0;
            while (sent < data.Length)
            {
                var written = s_libc!.Send(Descriptor, start + sent, (nuint)(data.Length - sent), MsgNoSignal);
                if (written >= 0)
                {
                    sent += (int)written;
                }
                else if (Marshal.GetLastSystemError() != EIntr)
                {
                    throw new IOException($"send to the pool failed (errno {Marshal.GetLastSystemError()}).");
                }
            }
        }
    }

    /// <summary><c>poll(fds, 1, -1)</c> on one descriptor; see <see cref="HangUpWatch"/>.</summary>
    public static int Poll(PollDescriptor* descriptor, int timeoutMilliseconds) => s_libc!.Poll(descriptor, 1, timeoutMilliseconds);

    /// <summary>Ends this process at once with SIGKILL, whatever its other threads are doing.</summary>
    public static void KillThisProcess()
    {
        if (s_libc is { } libc)
        {
            libc.Kill(Environment.ProcessId, SigKill);
        }

        Environment.FailFast("The process pool went away.");
    }

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private sealed class Functions
    {
        public delegate* unmanaged<int, int, int, int> Socket;
        public delegate* unmanaged<int, byte*, int, int> Connect;
        public delegate* unmanaged<int, byte*, nuint, int, nint> Receive;
        public delegate* unmanaged<int, byte*, nuint, int, nint> Send;
        public delegate* unmanaged<PollDescriptor*, nuint, int, int> Poll;
        public delegate* unmanaged<int, int, int> Kill;
        public delegate* unmanaged<int, int> Close;

        public static Functions? Load()
        {
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
            {
                return null;
            }

            return Find(libc, "socket", out var socket) && Find(libc, "connect", out var connect) && Find(libc, "recv", out var receive)
                && Find(libc, "send", out var send) && Find(libc, "poll", out var poll) && Find(libc, "kill", out var kill)
                && Find(libc, "close", out var close)
                ? new Functions
                {
                    Socket = (delegate* unmanaged<int, int, int, int>)socket,
                    Connect = (delegate* unmanaged<int, byte*, int, int>)connect,
                    Receive = (delegate* unmanaged<int, byte*, nuint, int, nint>)receive,
                    Send = (delegate* unmanaged<int, byte*, nuint, int, nint>)send,
                    Poll = (delegate* unmanaged<PollDescriptor*, nuint, int, int>)poll,
                    Kill = (delegate* unmanaged<int, int, int>)kill,
                    Close = (delegate* unmanaged<int, int>)close,
                }
                : null;
        }

        private static bool Find(nint library, string name, out nint address) => NativeLibrary.TryGetExport(library, name, out address);
    }
}
