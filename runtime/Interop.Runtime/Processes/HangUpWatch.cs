using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Interop.Runtime.Processes;

/// <summary>
/// Linux only: a background thread blocked in <c>poll(POLLRDHUP)</c> on the worker's socket that kills the
/// worker as soon as the pool's end of the connection goes away, whatever the main thread is doing
/// (possibly spinning in native code). It never reads, so the main thread can read the socket itself.
/// </summary>
internal sealed unsafe class HangUpWatch
{
    private const short PollRdHup = 0x2000;
    private const short PollErr = 0x8;
    private const short PollHup = 0x10;
    private const int EIntr = 4;

    private static readonly delegate* unmanaged<PollFd*, nuint, int, int> s_poll = FindPoll();

    private readonly Socket _socket;
    private volatile bool _stopped;

    private HangUpWatch(Socket socket) => _socket = socket;

    /// <summary>Starts watching <paramref name="socket"/>; null where poll with POLLRDHUP is not available.</summary>
    public static HangUpWatch? TryStart(Socket socket)
    {
        if (s_poll == null)
        {
            return null;
        }

        var watch = new HangUpWatch(socket);
        new Thread(watch.Run) { IsBackground = true, Name = "pool hang-up watch" }.Start();
        return watch;
    }

    /// <summary>An orderly shutdown: the connection may close from now on without killing the process.</summary>
    public void Stop() => _stopped = true;

    private void Run()
    {
        var handle = _socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = new PollFd { Fd = (int)handle.DangerousGetHandle(), Events = PollRdHup };
            var failures = 0;
            while (true)
            {
                fd.Revents = 0;
                var ready = s_poll(&fd, 1, -1);
                if (ready < 0)
                {
                    // Usually EINTR (the runtime signals threads, e.g. to suspend them for a GC). errno read
                    // through a raw function pointer is only a hint, so give any other error a second of retries.
                    if (Marshal.GetLastSystemError() != EIntr)
                    {
                        if (++failures >= 100)
                        {
                            break;
                        }

                        Thread.Sleep(10);
                    }

                    continue;
                }

                failures = 0;

                if (ready > 0 && (fd.Revents & (PollRdHup | PollHup | PollErr)) == 0)
                {
                    continue;
                }

                break; // hang-up, error, or poll itself failed: in every case the connection is unusable
            }
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        if (!_stopped)
        {
            Process.GetCurrentProcess().Kill();
        }
    }

    private static delegate* unmanaged<PollFd*, nuint, int, int> FindPoll()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "poll", out var poll)
                ? (delegate* unmanaged<PollFd*, nuint, int, int>)poll
                : null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
