using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Processes;

/// <summary>
/// The Unix domain socket a pool's workers dial back to. On Linux it lives in the abstract namespace,
/// so there is no socket file to leak even when the parent is SIGKILLed; elsewhere it is a file in a
/// private temporary directory that <see cref="Dispose"/> deletes. Never a network port. Each worker
/// proves who it is with a random token it received in its environment.
/// </summary>
internal sealed class WorkerListener : IDisposable
{
    private readonly Socket _socket;
    private readonly string? _directory;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(Socket Socket, int ProcessId)>> _expected = new();
    private readonly CancellationTokenSource _stop = new();

    public WorkerListener()
    {
        var id = $"interop-pool-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";
        if (OperatingSystem.IsLinux())
        {
            Endpoint = "@" + id;
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("interop-pool-").FullName;
            Endpoint = Path.Combine(_directory, "pool.sock");
        }

        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _socket.Bind(EndPointFor(Endpoint));
        _socket.Listen(128);
        _ = AcceptLoopAsync();
    }

    /// <summary>What workers connect to: "@name" for an abstract socket, otherwise a path.</summary>
    public string Endpoint { get; }

    public static UnixDomainSocketEndPoint EndPointFor(string endpoint) =>
        new(endpoint.StartsWith('@') ? "\0" + endpoint[1..] : endpoint);

    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Completes when the worker holding <paramref name="token"/> has connected and said hello.</summary>
    public Task<(Socket Socket, int ProcessId)> ExpectAsync(string token)
    {
        var arrival = new TaskCompletionSource<(Socket, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _expected[token] = arrival;
        return arrival.Task;
    }

    /// <summary>Stops waiting for <paramref name="token"/>; a connection that arrived but was not taken is closed.</summary>
    public void Forget(string token)
    {
        if (_expected.TryRemove(token, out var arrival) && arrival.Task.IsCompletedSuccessfully)
        {
            arrival.Task.Result.Socket.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = GreetAsync(connection);
        }
    }

    private async Task GreetAsync(Socket connection)
    {
        await Task.Yield();
        try
        {
            // The hello is the first thing a worker sends; a connection that says nothing for 30 s is dropped.
            connection.ReceiveTimeout = 30_000;
            var receiver = new FrameReceiver(connection, "a connecting process");
            if (receiver.Next(out var kind, out var body) && kind == FrameKind.Hello)
            {
                var hello = HelloMessage.Read(body);
                connection.ReceiveTimeout = 0;
                if (_expected.TryRemove(hello.Token, out var arrival) && arrival.TrySetResult((connection, hello.ProcessId)))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ProtocolViolationException or SocketException or ObjectDisposedException)
        {
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        foreach (var token in _expected.Keys)
        {
            Forget(token);
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
