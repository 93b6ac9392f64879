using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Interop.Runtime.Processes;
using Interop.Runtime.Processes.Protocol;
using Interop.Testing;

namespace Interop.Runtime.Tests.Processes;

/// <summary>
/// Malformed and truncated frames fed to both ends over real sockets. The pool's end talks to a fake worker: a
/// real process (sh, which prints the endpoint and token it was given and then sleeps) whose connection this
/// test makes and drives. The worker's end is a real worker process, connected to a socket this test listens on.
/// Every case must end in a clear error naming the peer, bounded in time, and never settle a task wrongly.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public class ProtocolViolationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string> PoolSideCases => new()
    {
        { "corrupt header", "corrupt frame header" },
        { "results longer than the frame", "truncated frame body" },
        { "results for a chunk it was not given", "which it was not running" },
        { "results for a position it was not given", "not all of them new" },
        { "a hello after the hello", "Hello frame" },
        { "a run frame, which only the pool sends", "Run frame" },
        { "connection closed inside a frame", "closed inside a frame" },
    };

    [Theory]
    [MemberData(nameof(PoolSideCases))]
    public async Task A_worker_breaking_the_protocol_fails_its_task_with_an_error_naming_it(string behaviour, string expected)
    {
        await using var fake = new FakeWorkers(behaviour);
        await using var pool = await fake.StartPoolAsync();

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.SubmitAsync(PoolTestTasks.Square, 3).WaitAsync(Patience));

        var pid = error.ProcessId;
        Assert.Contains(error.StandardErrorTail, line => line.Contains($"Protocol violation by worker process {pid}") && line.Contains(expected));
        Assert.False(WorkerProcesses.IsRunning(pid));
    }

    [Fact]
    public async Task A_duplicate_answer_after_a_good_one_keeps_the_good_result_and_replaces_the_worker()
    {
        await using var fake = new FakeWorkers("answers twice");
        await using var pool = await fake.StartPoolAsync();
        var first = Assert.Single(pool.WorkerProcessIds);

        Assert.Equal(9, await pool.SubmitAsync(PoolTestTasks.Square, 3).WaitAsync(Patience));
        var deadline = DateTime.UtcNow + Patience;
        while (pool.Counters.Crashed == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // the duplicate arrives after the good answer
        }

        await pool.WaitForFullStrengthAsync().WaitAsync(Patience);
        Assert.DoesNotContain(first, pool.WorkerProcessIds);
        Assert.Equal(1, pool.Counters.Crashed);
    }

    [Fact]
    public async Task Good_answers_before_a_malformed_frame_stand_and_the_rest_of_the_chunk_reruns()
    {
        await using var fake = new FakeWorkers("first answer then garbage");
        await using var pool = await fake.StartPoolAsync();

        // The first worker answers position 0 and then breaks; positions 1..3 rerun alone on fresh (well-behaved) workers.
        var results = await pool.MapAsync(PoolTestTasks.Square, [1, 2, 3, 4], chunkSize: 4).WaitAsync(Patience);
        Assert.Equal([1, 4, 9, 16], results);
    }

    public static TheoryData<string, byte[]> WorkerSideCases => new()
    {
        { "corrupt header", [5, 0, 0, 0, 99, 1, 2, 3, 4, 5] },
        { "a results frame, which only workers send", Frame(FrameKind.Results, new byte[16]) },
        { "a run frame whose count exceeds its arguments", RunFrame(count: 1000, arguments: [[1, 0, 0, 0]]) },
        { "a run frame with a truncated argument", RunFrame(count: 1, arguments: [[1, 0]], claimedLength: 4) },
        { "a run frame with trailing bytes", [.. RunFrame(count: 0, arguments: [], trailing: 3)] },
        { "a shutdown frame with a body", Frame(FrameKind.Shutdown, [1]) },
    };

    [Theory]
    [MemberData(nameof(WorkerSideCases))]
    public async Task A_worker_given_a_malformed_frame_exits_naming_the_pool_and_runs_nothing(string what, byte[] frame)
    {
        _ = what;
        await using var session = await WorkerSession.StartAsync();
        await session.SendAsync(frame);

        var (exitCode, stderr, received) = await session.EndAsync();

        Assert.Equal(ProcessWorker.ProtocolViolationExitCode, exitCode);
        Assert.Contains("Protocol violation by the pool", stderr);
        Assert.Empty(received); // no result frame for a chunk it could not read
    }

    [Fact]
    public async Task A_worker_whose_pool_hangs_up_inside_a_frame_ends_and_answers_nothing()
    {
        await using var session = await WorkerSession.StartAsync();
        var run = RunFrame(count: 1, arguments: [BitConverter.GetBytes(7)]);
        await session.SendAsync(run[..(run.Length - 2)]);
        session.HangUp();

        var (exitCode, _, received) = await session.EndAsync();
        Assert.NotEqual(0, exitCode);
        Assert.Empty(received);
    }

    [Fact]
    public async Task A_worker_answers_a_well_formed_run_frame()
    {
        // The control case for the malformed ones above: the same session, a valid frame, a result.
        await using var session = await WorkerSession.StartAsync();
        await session.SendAsync(RunFrame(count: 1, arguments: [BitConverter.GetBytes(7)], chunkId: 42));
        var answer = await session.ReceiveFrameAsync();
        Assert.Equal(FrameKind.FixedResults, answer.Kind);
        Assert.Equal(42, BinaryPrimitives.ReadInt64LittleEndian(answer.Body));
        Assert.Equal(49, BinaryPrimitives.ReadInt32LittleEndian(answer.Body.AsSpan(20)));
    }

    private static byte[] Frame(FrameKind kind, byte[] body)
    {
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        frame[4] = (byte)kind;
        body.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] RunFrame(int count, byte[][] arguments, int? claimedLength = null, int trailing = 0, long chunkId = 1)
    {
        var body = new List<byte>();
        body.AddRange(BitConverter.GetBytes(chunkId));
        var name = Encoding.UTF8.GetBytes(PoolTestTasks.Square.Name);
        body.AddRange(BitConverter.GetBytes(name.Length));
        body.AddRange(name);
        body.AddRange(BitConverter.GetBytes(count));
        foreach (var argument in arguments)
        {
            body.AddRange(BitConverter.GetBytes(claimedLength ?? argument.Length));
            body.AddRange(argument);
        }

        body.AddRange(new byte[trailing]);
        return Frame(FrameKind.Run, [.. body]);
    }

    /// <summary>
    /// Worker processes that are sh, driven from this test: each prints the endpoint and token the pool gave it,
    /// and this class connects in its name and behaves as told. Replacement workers behave well, so the pool recovers.
    /// </summary>
    private sealed class FakeWorkers(string behaviour) : IAsyncDisposable
    {
        private readonly Channel<string> _announcements = Channel.CreateUnbounded<string>();
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentBag<Socket> _sockets = [];
        private Task? _serving;
        private int _served;

        public async Task<ProcessPool> StartPoolAsync()
        {
            _serving = Task.Run(ServeAsync);
            return await ProcessPool.StartAsync(new PoolOptions
            {
                WorkerCount = 1,
                Worker = WorkerCommand.Executable("/bin/sh", "-c", "echo \"fake $INTEROP_POOL_ENDPOINT $INTEROP_POOL_TOKEN $$\"; exec sleep 300", "sh"),
                WorkerOutput = line =>
                {
                    if (line.Text.StartsWith("fake ", StringComparison.Ordinal))
                    {
                        _announcements.Writer.TryWrite(line.Text);
                    }
                },
                StopTimeout = TimeSpan.FromMilliseconds(100),
            }).WaitAsync(Patience);
        }

        private async Task ServeAsync()
        {
            await foreach (var announcement in _announcements.Reader.ReadAllAsync(_stop.Token))
            {
                var parts = announcement.Split(' ');
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                _sockets.Add(socket);
                await socket.ConnectAsync(WorkerListener.EndPointFor(parts[1]));
                var writer = new FrameWriter();
                new HelloMessage(parts[2], int.Parse(parts[3])).Write(writer);
                writer.SendTo(socket);
                var misbehave = Interlocked.Increment(ref _served) == 1;
                _ = Task.Run(() => Answer(socket, misbehave ? behaviour : "well"));
            }
        }

        // Reads run frames and answers them: squares, as the real task does, or the misbehaviour under test.
        private static void Answer(Socket socket, string how)
        {
            try
            {
                var receiver = new FrameReceiver(socket, "the pool");
                while (receiver.Next(out var kind, out var body))
                {
                    if (kind != FrameKind.Run)
                    {
                        return;
                    }

                    var (chunkId, _, count) = RunMessage.Read(body, out var arguments);
                    var values = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = BinaryPrimitives.ReadInt32LittleEndian(arguments.ReadBlock());
                    }

                    var writer = new FrameWriter();
                    void Results(long id, int first, params int[] squares)
                    {
                        var slot = ResultsMessage.Open(writer, id, first, fixedSize: 4);
                        foreach (var square in squares)
                        {
                            writer.WriteInt32(square);
                        }

                        ResultsMessage.Close(writer, slot, squares.Length);
                    }

                    switch (how)
                    {
                        case "well":
                            Results(chunkId, 0, [.. values.Select(v => v * v)]);
                            break;
                        case "corrupt header":
                            writer.Write(new byte[] { 1, 0, 0, 0, 200, 0 });
                            break;
                        case "results longer than the frame":
                            writer.Begin(FrameKind.Results);
                            writer.WriteInt64(chunkId);
                            writer.WriteInt32(0);
                            writer.WriteInt32(1);
                            writer.WriteInt32(1000); // a result of 1000 bytes in a frame that ends here
                            writer.End();
                            break;
                        case "results for a chunk it was not given":
                            Results(chunkId + 1000, 0, 9);
                            break;
                        case "results for a position it was not given":
                            Results(chunkId, 5, 9);
                            break;
                        case "a hello after the hello":
                            new HelloMessage("again", 1).Write(writer);
                            break;
                        case "a run frame, which only the pool sends":
                            writer.Begin(FrameKind.Run);
                            writer.End();
                            break;
                        case "connection closed inside a frame":
                            writer.Write(new byte[] { 100, 0, 0, 0, (byte)FrameKind.Results, 1, 2 });
                            writer.SendTo(socket);
                            socket.Shutdown(SocketShutdown.Send);
                            return;
                        case "answers twice":
                            Results(chunkId, 0, values[0] * values[0]);
                            Results(chunkId, 0, 12345);
                            break;
                        case "first answer then garbage":
                            Results(chunkId, 0, values[0] * values[0]);
                            writer.Write(new byte[] { 255, 255, 255, 127, 3 });
                            break;
                    }

                    writer.SendTo(socket);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or System.Net.ProtocolViolationException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _announcements.Writer.TryComplete();
            await _stop.CancelAsync();
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            try
            {
                await (_serving ?? Task.CompletedTask);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>A real worker process (Interop.Testing's host) connected to a socket this test listens on, as the pool.</summary>
    private sealed class WorkerSession : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly Process _process;
        private readonly Task<string> _stderr;
        private Socket _connection = null!;
        private FrameReceiver _receiver = null!;

        private WorkerSession(Socket listener, Process process)
        {
            _listener = listener;
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public static async Task<WorkerSession> StartAsync()
        {
            var endpoint = $"@interop-protocol-test-{Environment.ProcessId}-{Guid.NewGuid():N}";
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(WorkerListener.EndPointFor(endpoint));
            listener.Listen(1);

            var command = TestWorkers.For(typeof(PoolTestTasks));
            var start = new ProcessStartInfo(command.TargetFilePath) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in command.Arguments.Append(ProcessWorker.WorkerArgument))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["INTEROP_POOL_ENDPOINT"] = endpoint;
            start.Environment["INTEROP_POOL_TOKEN"] = "test-token";
            start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
            var session = new WorkerSession(listener, Process.Start(start)!);
            session._connection = await listener.AcceptAsync().WaitAsync(Patience);
            session._receiver = new FrameReceiver(session._connection, "the worker");
            var hello = await session.ReceiveFrameAsync();
            Assert.Equal(FrameKind.Hello, hello.Kind);
            Assert.Equal("test-token", HelloMessage.Read(hello.Body).Token);
            return session;
        }

        public async Task SendAsync(byte[] bytes) => await _connection.SendAsync(bytes);

        public void HangUp() => _connection.Shutdown(SocketShutdown.Send);

        public Task<(FrameKind Kind, byte[] Body)> ReceiveFrameAsync() => Task.Run(() =>
            _receiver.Next(out var kind, out var body) ? (kind, body.ToArray()) : throw new EndOfStreamException("the worker hung up")).WaitAsync(Patience);

        /// <summary>Waits for the worker to exit; returns its exit code, stderr and any frames it sent first.</summary>
        public async Task<(int ExitCode, string Stderr, List<FrameKind> Received)> EndAsync()
        {
            var received = new List<FrameKind>();
            await Task.Run(() =>
            {
                try
                {
                    while (_receiver.Next(out var kind, out _))
                    {
                        received.Add(kind);
                    }
                }
                catch (Exception e) when (e is SocketException or System.Net.ProtocolViolationException or ObjectDisposedException)
                {
                }
            }).WaitAsync(Patience);
            await _process.WaitForExitAsync().WaitAsync(Patience);
            return (_process.ExitCode, await _stderr, received);
        }

        public ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _connection?.Dispose();
            _listener.Dispose();
            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
