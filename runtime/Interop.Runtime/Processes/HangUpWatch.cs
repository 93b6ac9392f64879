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

    private readonly LibcSocket _socket;
    private volatile bool _stopped;

    private HangUpWatch(LibcSocket socket) => _socket = socket;

    /// <summary>Starts watching <paramref name="socket"/>.</summary>
    public static HangUpWatch Start(LibcSocket socket)
    {
        var watch = new HangUpWatch(socket);
        new Thread(watch.Run) { IsBackground = true, Name = "pool hang-up watch" }.Start();
        return watch;
    }

    /// <summary>An orderly shutdown: the connection may close from now on without killing the process.</summary>
    public void Stop() => _stopped = true;

    private void Run()
    {
        var fd = new LibcSocket.PollDescriptor { Fd = _socket.Descriptor, Events = PollRdHup };
        var failures = 0;
        while (true)
        {
            fd.Revents = 0;
            var ready = LibcSocket.Poll(&fd, -1);
            if (ready < 0)
            {
                // Usually EINTR (the runtime signals threads, e.g. to suspend them for a GC); give any other error a
                // second of retries before taking it for a dead connection.
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

            break; // hang-up or error: in every case the connection is unusable
        }

        if (!_stopped)
        {
            LibcSocket.KillThisProcess();
        }
    }
}
