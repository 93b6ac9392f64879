using System.Diagnostics;

namespace Interop.Cluster.Tests;

/// <summary>A silo as its own OS process (tests/Interop.Cluster.TestSilo), joined to a Redis-membership cluster.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public static async Task<SiloProcess> StartAsync(RedisServer redis, string clusterId, int workers)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "Interop.Cluster.TestSilo.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet,
            ["exec", silo, redis.Configuration, clusterId, RedisServer.FreePort().ToString(), RedisServer.FreePort().ToString(), workers.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var handle = new SiloProcess(process);
        try
        {
            await ProcessLines.WaitForAsync(process, line => line == "ready", $"silo process {process.Id} to join the cluster");
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return handle;
    }

    /// <summary>SIGKILL: no shutdown of any kind, as when a machine loses power.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
