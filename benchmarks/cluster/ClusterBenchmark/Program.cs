using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ClusterBenchmark;
using Interop.Cluster;
using Interop.Cluster.Hosting;
using Interop.Runtime.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

// Roles: pool worker (--interop-worker), silo (silo REDIS CLUSTER SILO_PORT GATEWAY_PORT), else the benchmark.
if (ProcessWorker.IsWorkerInvocation(args))
{
    return ProcessWorker.Run(BenchTasks.Registry);
}

if (args is ["silo", var redisConfig, var clusterName, var siloPort, var gatewayPort])
{
    var siloBuilder = Host.CreateApplicationBuilder();
    siloBuilder.Logging.SetMinimumLevel(LogLevel.Error);
    siloBuilder.UseOrleans(silo =>
    {
        ClusterMembership.Redis(redisConfig, clusterName).ConfigureSilo(silo, int.Parse(siloPort), int.Parse(gatewayPort));
        silo.AddInteropPool(BenchTasks.Registry, new PoolOptions { WorkerCount = 1 });
        silo.Configure<ClusterMembershipOptions>(Fast);
    });
    using var siloHost = siloBuilder.Build();
    await siloHost.StartAsync();
    Console.WriteLine("ready");
    await siloHost.WaitForShutdownAsync();
    return 0;
}

var quick = args.Contains("--quick");
var rounds = quick ? 1 : 3;
var children = new List<Process>();
var table = new List<string>();
try
{
    var port = FreePort();
    var redis = Start("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
    await WaitForAsync(redis, "Ready to accept connections");
    var redisConfiguration = $"127.0.0.1:{port}";
    var clusterId = $"bench-{Environment.ProcessId}";
    var self = WorkerCommand.CurrentApp();
    var silos = new List<Process>();
    async Task AddSiloAsync()
    {
        var silo = Start(self.TargetFilePath, [.. self.Arguments, "silo", redisConfiguration, clusterId, FreePort().ToString(), FreePort().ToString()]);
        silos.Add(silo);
        await WaitForAsync(silo, "ready");
    }

    await AddSiloAsync();
    var clientBuilder = Host.CreateApplicationBuilder();
    clientBuilder.Logging.SetMinimumLevel(LogLevel.Error);
    clientBuilder.UseOrleansClient(c => ClusterMembership.Redis(redisConfiguration, clusterId).ConfigureClient(c));
    using var client = clientBuilder.Build();
    await client.StartAsync();
    var grains = client.Services.GetRequiredService<IClusterClient>();
    await using var local = await ProcessPool.StartAsync(new PoolOptions { WorkerCount = 1 });
    var perNode = new ConcurrentDictionary<string, int>();
    await using var cluster = new ClusterPool(grains, new ClusterPoolOptions { ChunkSettled = r => perNode.AddOrUpdate(r.Node, 1, (_, c) => c + 1) });

    // 1. Overhead per chunk: one silo with one worker against a local pool with one worker, same machine.
    await cluster.MapAsync(BenchTasks.Square, Enumerable.Range(0, 200), chunkSize: 1); // warm up
    await local.MapAsync(BenchTasks.Square, Enumerable.Range(0, 200), chunkSize: 1);
    foreach (var (chunks, size) in new[] { (quick ? 200 : 1000, 1), (quick ? 50 : 200, 1000) })
    {
        var input = Enumerable.Range(0, chunks * size).ToArray();
        double localBest = double.MaxValue, clusterBest = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            localBest = Math.Min(localBest, await TimeAsync(() => local.MapAsync(BenchTasks.Square, input, size)));
            clusterBest = Math.Min(clusterBest, await TimeAsync(() => cluster.MapAsync(BenchTasks.Square, input, size)));
        }

        table.Add($"| overhead per chunk of {size} trivial task(s) | local pool {Us(localBest / chunks)} | cluster, 1 silo {Us(clusterBest / chunks)} | cluster / local = {clusterBest / localBest:0.0}x |");
    }

    // 2. Throughput over 1, 2, 3 silos (one worker each): waiting tasks scale with silos, CPU-bound ones with cores (2 here).
    var waitInput = Enumerable.Range(0, quick ? 30 : 60).ToArray();
    var burnInput = Enumerable.Range(0, quick ? 60 : 120).ToArray();
    var baseline = (Wait: 0.0, Burn: 0.0);
    for (var n = 1; n <= 3; n++)
    {
        if (n > 1)
        {
            await AddSiloAsync();
            await WaitForActiveAsync(grains, n);
            await cluster.MapAsync(BenchTasks.Square, Enumerable.Range(0, 100), chunkSize: 1); // the coordinator learns the new pool size
        }

        double waitBest = double.MaxValue, burnBest = double.MaxValue;
        perNode.Clear();
        for (var r = 0; r < rounds; r++)
        {
            waitBest = Math.Min(waitBest, await TimeAsync(() => cluster.MapAsync(BenchTasks.Wait, waitInput, chunkSize: 2)));
            burnBest = Math.Min(burnBest, await TimeAsync(() => cluster.MapAsync(BenchTasks.Burn, burnInput, chunkSize: 2)));
        }

        var waitRate = waitInput.Length / waitBest;
        var burnRate = burnInput.Length / burnBest;
        if (n == 1)
        {
            baseline = (waitRate, burnRate);
        }

        table.Add($"| {n} silo(s) x 1 worker | waiting 100 ms tasks: {waitRate:0} tasks/s ({waitRate / baseline.Wait:0.00}x of 1 silo; ideal {n}x) | chunks per silo {string.Join("/", perNode.Values.Order())} | CPU-bound 20 ms tasks: {burnRate:0.0} tasks/s ({burnRate / baseline.Burn:0.00}x; 2 cores cap it at 2x) |");
    }

    // 3. Recovery: SIGKILL one of three silos mid-map; time until the last chunk it lost has its re-run's result.
    var recoveries = new List<double>();
    for (var r = 0; r < rounds; r++)
    {
        if (silos.Count(s => !s.HasExited) < 3)
        {
            await AddSiloAsync();
            await WaitForActiveAsync(grains, 3);
            await cluster.MapAsync(BenchTasks.Square, Enumerable.Range(0, 100), chunkSize: 1);
        }

        var victim = silos.Last(s => !s.HasExited);
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.Zero;
        var lastRerun = TimeSpan.Zero;
        var rerun = 0;
        var settled = 0;
        var victimName = $"pid {victim.Id})";
        await using var watched = new ClusterPool(grains, new ClusterPoolOptions
        {
            ChunkSettled = report =>
            {
                perNode.AddOrUpdate(report.Node, 1, (_, c) => c + 1);
                if (report.LostOn.Any(node => node.EndsWith(victimName, StringComparison.Ordinal)))
                {
                    Interlocked.Increment(ref rerun);
                    lastRerun = clock.Elapsed;
                }

                if (Interlocked.Increment(ref settled) == 10)
                {
                    victim.Kill();
                    killedAt = clock.Elapsed;
                }
            },
        });
        perNode.Clear();
        var results = await watched.MapAsync(BenchTasks.Wait, Enumerable.Range(0, 150), chunkSize: 2);
        if (results.Length != 150 || results.Where((v, i) => v != i).Any())
        {
            throw new InvalidOperationException("A result was lost or wrong after the kill.");
        }

        victim.WaitForExit();
        if (rerun > 0)
        {
            recoveries.Add((lastRerun - killedAt).TotalSeconds);
        }

        table.Add($"| recovery, round {r + 1} | SIGKILL of 1 of 3 silos mid-map | {rerun} chunk(s) re-ran | last re-run result {(rerun > 0 ? $"{(lastRerun - killedAt).TotalSeconds:0.00} s" : "n/a")} after the kill | chunks per silo {string.Join("/", perNode.Values.Order())} |");
    }

    if (args.Contains("--ten-million"))
    {
        // 4. Memory: a lazy sequence of 10 million tasks; the coordinator's heap stays flat (bounded chunks in flight).
        static IEnumerable<int> Lazy(int n)
        {
            for (var i = 0; i < n; i++)
            {
                yield return i;
            }
        }

        foreach (var n in new[] { 1_000_000, 10_000_000 })
        {
            long peak = 0, count = 0, wrong = 0;
            var clock = Stopwatch.StartNew();
            await foreach (var outcome in cluster.MapUnorderedAsync(BenchTasks.Square, Lazy(n)))
            {
                // The argument of index i is i: every outcome is checked, so a fast figure cannot hide lost work.
                if (!outcome.Succeeded || outcome.Result != (long)outcome.Index * outcome.Index)
                {
                    wrong++;
                }

                // What the coordinator retains, after a full collection: flat if nothing grows with the input's length.
                if (++count % 500_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }
            }

            table.Add($"| lazy map of {n:N0} tasks (MapUnorderedAsync, 3 silos) | {count:N0} outcomes ({wrong:N0} wrong or failed) in {clock.Elapsed.TotalSeconds:0.0} s | coordinator's largest live heap (sampled after a full GC every 500,000 outcomes) {peak / 1048576.0:0.0} MiB |");
        }
    }

    await client.StopAsync();
}
finally
{
    foreach (var child in children.Where(c => !c.HasExited))
    {
        child.Kill();
        child.WaitForExit();
    }
}

Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var line in table)
{
    Console.WriteLine(line);
}

return 0;

static void Fast(ClusterMembershipOptions o)
{
    o.ProbeTimeout = TimeSpan.FromSeconds(1);
    o.NumMissedProbesLimit = 2;
    o.NumVotesForDeathDeclaration = 1;
    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
}

static async Task<double> TimeAsync(Func<Task> run)
{
    var clock = Stopwatch.StartNew();
    await run();
    return clock.Elapsed.TotalSeconds;
}

static string Us(double seconds) => $"{seconds * 1e6:0} µs".ToString(CultureInfo.InvariantCulture);

static async Task WaitForActiveAsync(IGrainFactory grains, int count)
{
    while ((await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < count)
    {
        await Task.Delay(100);
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

Process Start(string file, IEnumerable<string> arguments)
{
    var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
    children.Add(process);
    return process;
}

static async Task WaitForAsync(Process process, string text)
{
    while (await process.StandardOutput.ReadLineAsync() is { } line)
    {
        if (line.Contains(text, StringComparison.Ordinal))
        {
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            return;
        }
    }

    throw new InvalidOperationException($"process {process.Id} exited before printing '{text}'");
}
