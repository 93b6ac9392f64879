using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Interop.Runtime.Processes;

/// <summary>
/// The worker side of a <see cref="ProcessPool"/>. The pool starts workers by re-launching a program
/// with <see cref="WorkerArgument"/>; that program hands control to <see cref="Run"/> first thing in
/// <c>Main</c>:
/// <code>
/// if (ProcessWorker.IsWorkerInvocation(args)) return ProcessWorker.Run(AppTasks.Registry);
/// </code>
/// </summary>
public static class ProcessWorker
{
    /// <summary>The command-line argument the pool appends when it starts a worker.</summary>
    public const string WorkerArgument = "--interop-worker";

    internal const string EndpointVariable = "INTEROP_POOL_ENDPOINT";
    internal const string TokenVariable = "INTEROP_POOL_TOKEN";

    // Results are sent at least this often while a batch runs, so the pool sees progress and a crash
    // re-runs at most a few milliseconds of finished work.
    private const long FlushIntervalMilliseconds = 5;
    private const int FlushBytes = 64 * 1024;
    private const int MaxClockStride = 1024;

    /// <summary>True when <paramref name="args"/> mark this process as a pool worker.</summary>
    public static bool IsWorkerInvocation(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Contains(WorkerArgument);
    }

    /// <summary>
    /// Serves tasks from <paramref name="tasks"/> until the pool shuts this worker down (returns 0, the
    /// exit code to return from <c>Main</c>). If the pool's process goes away, for any reason including
    /// SIGKILL, the worker kills itself at once, even while a task is stuck in native code.
    /// </summary>
    public static int Run(TaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(token))
        {
            Console.Error.WriteLine($"{WorkerArgument}: not started by a ProcessPool ({EndpointVariable} is not set).");
            return 2;
        }

        // Processes this worker starts are not workers of the pool.
        Environment.SetEnvironmentVariable(EndpointVariable, null);
        Environment.SetEnvironmentVariable(TokenVariable, null);

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(WorkerListener.EndPointFor(endpoint));
        }
        catch (SocketException e)
        {
            Console.Error.WriteLine($"{WorkerArgument}: cannot reach the pool at {endpoint}: {e.Message}");
            return 3;
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        var writer = new FrameWriter();
        writer.Begin(FrameKind.Hello);
        writer.WriteString(token);
        writer.WriteInt32(Environment.ProcessId);
        writer.End();
        writer.WriteTo(stream);

        var input = new BufferedStream(stream, 64 * 1024); // read side only; results are written to the socket stream
        if (HangUpWatch.TryStart(socket) is { } watch)
        {
            // Linux: the main thread reads and runs batches itself (no hand-off between threads per batch),
            // and a watchdog blocked in poll(POLLRDHUP) notices the end of the connection even while the
            // main thread is inside a task that never returns.
            try
            {
                var buffer = new byte[64 * 1024];
                while (FrameProtocol.TryRead(input, ref buffer, out var kind, out var length))
                {
                    switch (kind)
                    {
                        case FrameKind.Run:
                            RunBatch(buffer.AsSpan(0, length), tasks, writer, stream);
                            break;
                        case FrameKind.Shutdown:
                            watch.Stop();
                            return 0;
                        default:
                            throw new InvalidDataException($"Unexpected frame {kind} from the pool.");
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException or SocketException)
            {
            }

            // The pool closed the connection without a Shutdown frame: it died or gave up on us.
            Process.GetCurrentProcess().Kill();
            return 0;
        }

        // Elsewhere reading happens on its own thread so that the end of the connection is noticed even
        // while the main thread is inside a task that never returns.
        var requests = new BlockingCollection<byte[]>();
        var reader = new Thread(() => ReadRequests(input, requests)) { IsBackground = true, Name = "pool connection" };
        reader.Start();

        foreach (var request in requests.GetConsumingEnumerable())
        {
            RunBatch(request, tasks, writer, stream);
        }

        return 0;
    }

    private static void ReadRequests(Stream stream, BlockingCollection<byte[]> requests)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (FrameProtocol.TryRead(stream, ref buffer, out var kind, out var length))
            {
                switch (kind)
                {
                    case FrameKind.Run:
                        requests.Add(buffer.AsSpan(0, length).ToArray());
                        break;
                    case FrameKind.Shutdown:
                        requests.CompleteAdding();
                        return;
                    default:
                        throw new InvalidDataException($"Unexpected frame {kind} from the pool.");
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException or SocketException)
        {
            // Fall through: without the pool there is nobody to report to.
        }

        // The pool closed the connection without a Shutdown frame: it died or gave up on us. Whatever the
        // main thread is doing (possibly spinning in native code) is now unwanted, so end the process hard.
        Process.GetCurrentProcess().Kill();
    }

    private static void RunBatch(ReadOnlySpan<byte> request, TaskRegistry tasks, FrameWriter writer, Stream stream)
    {
        var frame = new FrameReader(request);
        var batchId = frame.ReadInt64();
        var name = frame.ReadString();
        var count = frame.ReadInt32();
        var task = tasks.Find(name);
        var lastFlush = Environment.TickCount64;
        // Reading the clock costs about as much as a trivial task, so it is read every `checkEvery` tasks: the
        // stride doubles while tasks are quick (up to 1024, well under a millisecond of trivial tasks) and drops
        // back to 1 as soon as a stretch of tasks takes a millisecond or more.
        var checkEvery = 1;
        var sinceCheck = 0;
        var lastCheck = lastFlush;

        // Consecutive results travel in one Result frame (batch id, first position, count, results), or in a
        // FixedResult frame without a length per result when they all have the task's fixed size; a task
        // exception closes the run and goes out as its own Error frame.
        var resultSize = task?.ResultSize;
        var runCount = 0;
        var countSlot = 0;
        for (var position = 0; position < count; position++)
        {
            var argument = frame.ReadBlock();
            var mark = writer.PendingBytes;
            try
            {
                if (task is null)
                {
                    throw new KeyNotFoundException($"This worker has no task named '{name}' (process {Environment.ProcessId}).");
                }

                if (runCount == 0)
                {
                    writer.Begin(resultSize is null ? FrameKind.Result : FrameKind.FixedResult);
                    writer.WriteInt64(batchId);
                    writer.WriteInt32(position);
                    countSlot = writer.BeginBlock(); // the count slot, patched when the run closes
                    if (resultSize is { } size)
                    {
                        writer.WriteInt32(size);
                    }
                }

                if (resultSize is { } fixedSize)
                {
                    var before = writer.PendingBytes;
                    task.Invoke(argument, writer);
                    if (writer.PendingBytes - before != fixedSize)
                    {
                        throw new InvalidDataException($"The result codec of task '{name}' wrote {writer.PendingBytes - before} bytes instead of its fixed size {fixedSize}.");
                    }
                }
                else
                {
                    var block = writer.BeginBlock();
                    task.Invoke(argument, writer);
                    writer.EndBlock(block);
                }

                runCount++;
            }
            catch (Exception e)
            {
                writer.Rollback(mark);
                CloseRun(writer, ref runCount, countSlot);
                writer.Begin(FrameKind.Error);
                writer.WriteInt64(batchId);
                writer.WriteInt32(position);
                writer.WriteString(e.GetType().FullName ?? e.GetType().Name);
                writer.WriteString(e.Message);
                writer.WriteString(e.ToString());
                writer.End();
            }

            var flush = writer.PendingBytes >= FlushBytes;
            if (!flush && ++sinceCheck >= checkEvery)
            {
                var now = Environment.TickCount64;
                checkEvery = now - lastCheck >= 1 ? 1 : Math.Min(checkEvery * 2, MaxClockStride);
                sinceCheck = 0;
                lastCheck = now;
                flush = now - lastFlush >= FlushIntervalMilliseconds;
            }

            if (flush)
            {
                CloseRun(writer, ref runCount, countSlot);
                writer.WriteTo(stream);
                lastFlush = lastCheck = Environment.TickCount64;
                sinceCheck = 0;
            }
        }

        CloseRun(writer, ref runCount, countSlot);
        writer.WriteTo(stream);
    }

    /// <summary>Ends the open Result frame, if any (a run opens together with its first result, so it is never empty).</summary>
    private static void CloseRun(FrameWriter writer, ref int runCount, int countSlot)
    {
        if (runCount > 0)
        {
            writer.PatchInt32(countSlot, runCount);
            writer.End();
            runCount = 0;
        }
    }
}
