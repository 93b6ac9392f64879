using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Interop.Cluster.Tests;

/// <summary>Debian's redis-server on a free loopback port, with no persistence, for one test; killed on dispose.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run tests/install-prerequisites.sh (it installs Debian's redis-server).", e);
        }

        var server = new RedisServer(process, port);
        await ProcessLines.WaitForAsync(process, line => line.Contains("Ready to accept connections", StringComparison.Ordinal), "redis-server to start");
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}

/// <summary>Waiting for a line a child process prints (how a test knows a server or silo is up, without sleeping).</summary>
internal static class ProcessLines
{
    public static async Task WaitForAsync(Process process, Func<string, bool> match, string what)
    {
        var seen = new List<string>();
        var found = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                found.TrySetException(new InvalidOperationException($"{what}: the process exited. Output:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}"));
                return;
            }

            lock (seen)
            {
                seen.Add(e.Data);
            }

            if (match(e.Data))
            {
                found.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (seen)
                {
                    seen.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await found.Task.WaitAsync(TimeSpan.FromSeconds(150));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Gave up waiting for {what}. Output:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
        }
    }
}
