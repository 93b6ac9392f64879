using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Interop.Runtime.Processes.Protocol;

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

    // Results are sent at least this often while a chunk runs, so the pool sees progress and a crash
    // re-runs at most a few milliseconds of finished work.
    private const long FlushIntervalMilliseconds = 5;
    private const int FlushBytes = 64 * 1024;
    private const int MaxClockStride = 1024;

    /// <summary>The exit code of a worker that received a frame it cannot make sense of (the reason is on its stderr).</summary>
    internal const int ProtocolViolationExitCode = 4;

    /// <summary>True when <paramref name="args"/> mark this process as a pool worker.</summary>
    public static bool IsWorkerInvocation(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // A loop, not Enumerable.Contains: System.Linq is one assembly fewer for a starting worker to load.
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == WorkerArgument)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Serves tasks from <paramref name="tasks"/> until the pool shuts this worker down (returns 0, the
    /// exit code to return from <c>Main</c>). If the pool's process goes away, for any reason including
    /// SIGKILL, the worker kills itself at once, even while a task is stuck in native code.
    /// </summary>
    /// <remarks>
    /// A worker's start is on the path of every replacement (<see cref="PoolOptions.MaxTasksPerWorker"/>, crashes), so
    /// this path loads as little as it can: on Linux no System.Net.Sockets (libc directly, see <see cref="LibcSocket"/>),
    /// no System.Linq, no System.Diagnostics.Process, and no Console unless something goes wrong. Keep it that way:
    /// a type named in a method that runs here is loaded, with its assembly, when that method is compiled.
    /// </remarks>
    public static int Run(TaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(token))
        {
            return Refuse($"{WorkerArgument}: not started by a ProcessPool ({EndpointVariable} is not set).", 2);
        }

        // Processes this worker starts are not workers of the pool.
        Environment.SetEnvironmentVariable(EndpointVariable, null);
        Environment.SetEnvironmentVariable(TokenVariable, null);
        return LibcSocket.IsAvailable ? ServeOverLibc(tasks, endpoint, token) : ServeOverSocket(tasks, endpoint, token);
    }

    // Linux: the main thread reads and runs chunks itself (no hand-off between threads per chunk), and a watchdog
    // blocked in poll(POLLRDHUP) notices the end of the connection even while the main thread is inside a task that
    // never returns.
    private static int ServeOverLibc(TaskRegistry tasks, string endpoint, string token)
    {
        LibcSocket connection;
        try
        {
            connection = LibcSocket.Connect(endpoint);
        }
        catch (IOException e)
        {
            return Refuse($"{WorkerArgument}: cannot reach the pool at {endpoint}: {e.Message}", 3);
        }

        var writer = new FrameWriter();
        var receiver = new FrameReceiver(connection, "the pool");
        var watch = HangUpWatch.Start(connection);
        try
        {
            new HelloMessage(token, Environment.ProcessId).Write(writer);
            writer.SendTo(connection);
            while (receiver.Next(out var kind, out var body))
            {
                if (Serve(receiver, kind, body, tasks, writer, connection))
                {
                    watch.Stop();
                    return 0;
                }
            }
        }
        catch (ProtocolViolationException e)
        {
            watch.Stop();
            return ReportViolation(e);
        }
        catch (IOException)
        {
        }

        // The pool closed the connection without a Shutdown frame: it died or gave up on us.
        LibcSocket.KillThisProcess();
        return 0;
    }

    // Elsewhere reading happens on its own thread so that the end of the connection is noticed even while the main
    // thread is inside a task that never returns.
    private static int ServeOverSocket(TaskRegistry tasks, string endpoint, string token)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(WorkerListener.EndPointFor(endpoint));
        }
        catch (SocketException e)
        {
            return Refuse($"{WorkerArgument}: cannot reach the pool at {endpoint}: {e.Message}", 3);
        }

        var connection = new SocketTransport(socket);
        var writer = new FrameWriter();
        new HelloMessage(token, Environment.ProcessId).Write(writer);
        writer.SendTo(connection);

        var receiver = new FrameReceiver(connection, "the pool");
        var requests = new BlockingCollection<(FrameKind Kind, byte[] Body)>();
        var reader = new Thread(() => ReadRequests(receiver, requests)) { IsBackground = true, Name = "pool connection" };
        reader.Start();
        try
        {
            foreach (var (kind, body) in requests.GetConsumingEnumerable())
            {
                if (Serve(receiver, kind, body, tasks, writer, connection))
                {
                    return 0;
                }
            }
        }
        catch (ProtocolViolationException e)
        {
            return ReportViolation(e);
        }

        return 0;
    }

    private static int Refuse(string why, int exitCode)
    {
        Console.Error.WriteLine(why);
        return exitCode;
    }

    private static void ReadRequests(FrameReceiver receiver, BlockingCollection<(FrameKind, byte[])> requests)
    {
        try
        {
            while (receiver.Next(out var kind, out var body))
            {
                requests.Add((kind, body.ToArray()));
                if (kind == FrameKind.Shutdown)
                {
                    requests.CompleteAdding();
                    return;
                }
            }
        }
        catch (ProtocolViolationException e)
        {
            Environment.Exit(ReportViolation(e));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // Fall through: without the pool there is nobody to report to.
        }

        // The pool closed the connection without a Shutdown frame: it died or gave up on us. Whatever the
        // main thread is doing (possibly spinning in native code) is now unwanted, so end the process hard.
        Process.GetCurrentProcess().Kill();
    }

    /// <summary>Handles one frame from the pool; true when it was the shutdown.</summary>
    private static bool Serve(FrameReceiver receiver, FrameKind kind, ReadOnlySpan<byte> body, TaskRegistry tasks, FrameWriter writer, FrameTransport connection)
    {
        try
        {
            switch (kind)
            {
                case FrameKind.Run:
                    RunChunk(body, tasks, writer, connection);
                    return false;
                case FrameKind.Shutdown:
                    ShutdownMessage.Read(body);
                    return true;
                default:
                    throw receiver.Violation($"it sent a {kind} frame, which only workers send");
            }
        }
        catch (InvalidDataException e)
        {
            throw receiver.Violation(e.Message);
        }
    }

    // The pool is gone or broken: nothing can be reported over the socket, so stderr carries the reason, which
    // the pool's crash report shows.
    private static int ReportViolation(ProtocolViolationException e)
    {
        Console.Error.WriteLine($"{WorkerArgument} (process {Environment.ProcessId}): {e.Message}");
        return ProtocolViolationExitCode;
    }

    private static void RunChunk(ReadOnlySpan<byte> body, TaskRegistry tasks, FrameWriter writer, FrameTransport connection)
    {
        var (chunkId, name, count) = RunMessage.Read(body, out var frame);
        // The whole frame is checked before any task runs: a malformed one runs nothing.
        var check = frame;
        for (var position = 0; position < count; position++)
        {
            check.ReadBlock();
        }

        check.ExpectEnd();

        var task = tasks.Find(name);
        var lastFlush = Environment.TickCount64;
        // Reading the clock costs about as much as a trivial task, so it is read every `checkEvery` tasks: the
        // stride doubles while tasks are quick (up to 1024, well under a millisecond of trivial tasks) and drops
        // back to 1 as soon as a stretch of tasks takes a millisecond or more.
        var checkEvery = 1;
        var sinceCheck = 0;
        var lastCheck = lastFlush;

        // Consecutive results travel in one results message, fixed-size when they all have the task's fixed
        // size; a task exception closes the run and goes out as its own task error message.
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
                    countSlot = ResultsMessage.Open(writer, chunkId, position, resultSize);
                }

                if (resultSize is { } fixedSize)
                {
                    var before = writer.PendingBytes;
                    task.Invoke(argument, writer);
                    if (writer.PendingBytes - before != fixedSize)
                    {
                        throw new InvalidOperationException($"The result codec of task '{name}' wrote {writer.PendingBytes - before} bytes instead of its fixed size {fixedSize}.");
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
                new TaskErrorMessage(chunkId, position, e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString()).Write(writer);
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
                writer.SendTo(connection);
                lastFlush = lastCheck = Environment.TickCount64;
                sinceCheck = 0;
            }
        }

        CloseRun(writer, ref runCount, countSlot);
        writer.SendTo(connection);
    }

    /// <summary>Ends the open results message, if any (a run opens together with its first result, so it is never empty).</summary>
    private static void CloseRun(FrameWriter writer, ref int runCount, int countSlot)
    {
        if (runCount > 0)
        {
            ResultsMessage.Close(writer, countSlot, runCount);
            runCount = 0;
        }
    }
}
