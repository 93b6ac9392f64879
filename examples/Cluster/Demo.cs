using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Interop.Cluster.Hosting;
using Interop.Runtime.Processes;

namespace ClusterExample;

/// <summary>
/// The whole story on one machine: Redis, three silos as separate processes on loopback, a client that
/// maps work, and a SIGKILL of one silo a third of the way through. Every task still has exactly one result.
/// </summary>
internal static class Demo
{
    public static async Task<int> RunAsync(bool localhost, int count)
    {
        var children = new List<Process>();
        try
        {
            var clusterId = $"demo-{Environment.ProcessId}";
            ClusterMembership membership;
            string[] join;
            if (localhost)
            {
                var primary = FreePort();
                membership = ClusterMembership.Localhost(primary, clusterId);
                join = ["--localhost", "--primary-port", primary.ToString()];
            }
            else
            {
                var port = FreePort();
                var redis = Start("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], children);
                await WaitForLineAsync(redis, "Ready to accept connections");
                Console.WriteLine($"redis-server pid {redis.Id} on 127.0.0.1:{port}");
                membership = ClusterMembership.Redis($"127.0.0.1:{port}", clusterId);
                join = ["--redis", $"127.0.0.1:{port}"];
            }

            var self = WorkerCommand.CurrentApp();
            var silos = new List<(Process Process, int Gateway)>();
            for (var i = 0; i < 3; i++)
            {
                var siloPort = localhost && i == 0 ? int.Parse(join[2]) : FreePort();
                var gateway = FreePort();
                var silo = Start(self.TargetFilePath,
                    [.. self.Arguments, "silo", .. join, "--cluster-id", clusterId, "--silo-port", siloPort.ToString(), "--gateway-port", gateway.ToString(), "--workers", "2"],
                    children);
                silos.Add((silo, gateway));
                if (localhost && i == 0)
                {
                    await WaitForLineAsync(silo, "ready"); // the others join through the primary
                }
            }

            foreach (var (silo, _) in silos)
            {
                Console.WriteLine(await WaitForLineAsync(silo, "ready"));
            }

            using var client = await Roles.ConnectAsync(membership, [.. silos.Select(s => s.Gateway)]);
            var victim = silos[1].Process;
            var victimWorkers = WorkersOf(victim.Id);
            var settled = 0;
            var ok = await Roles.MapAndCheckAsync(client, count, _ =>
            {
                if (Interlocked.Increment(ref settled) == count / 10 / 3)
                {
                    victim.Kill(); // SIGKILL: no goodbye, as when a machine loses power
                    Console.WriteLine($"-- SIGKILL sent to silo pid {victim.Id} (its workers: {string.Join(", ", victimWorkers)}) after {settled} chunks settled");
                }
            });

            var orphans = victimWorkers.Where(IsRunning).ToList();
            Console.WriteLine(orphans.Count == 0
                ? "The killed silo's workers are gone with it."
                : $"Workers left behind by the killed silo: {string.Join(", ", orphans)}");
            await client.StopAsync();
            return ok && orphans.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var child in children.Where(c => !c.HasExited))
            {
                child.Kill();
                await child.WaitForExitAsync();
            }
        }
    }

    private static Process Start(string file, IEnumerable<string> arguments, List<Process> children)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        children.Add(process);
        return process;
    }

    private static async Task<string> WaitForLineAsync(Process process, string prefix)
    {
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)) is { } line)
        {
            if (line.Contains(prefix, StringComparison.Ordinal))
            {
                // Keep draining so the child never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return line;
            }
        }

        throw new InvalidOperationException($"Process {process.Id} exited before printing '{prefix}'.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Linux /proc: the pool workers (started with --interop-worker) whose parent is the silo.
    private static List<int> WorkersOf(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsRunning(pid) && ParentOf(pid) == parent && CommandLine(pid).Contains("--interop-worker", StringComparison.Ordinal))];

    private static bool IsRunning(int pid) => Stat(pid) is { } stat && stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');

    private static int ParentOf(int pid) => Stat(pid) is { } stat ? int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]) : 0;

    private static string? Stat(int pid) => Read($"/proc/{pid}/stat");

    private static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline") ?? "";

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
