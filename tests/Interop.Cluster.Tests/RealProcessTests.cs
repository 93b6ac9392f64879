using System.Collections.Concurrent;
using Interop.Cluster.Hosting;
using Interop.Runtime.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Interop.Cluster.Tests;

/// <summary>A real deployment on loopback: Redis membership, three silos as OS processes, one SIGKILLed mid-map.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RealProcessTests
{
    [Fact]
    public async Task A_silo_process_killed_with_SIGKILL_mid_map_loses_nothing_and_leaves_no_worker_behind()
    {
        using var redis = await RedisServer.StartAsync();
        var clusterId = $"test-{Guid.NewGuid():N}";
        var starting = Enumerable.Range(0, 3).Select(_ => SiloProcess.StartAsync(redis, clusterId, workers: 1)).ToList();
        var silos = new List<SiloProcess>();
        try
        {
            foreach (var silo in starting)
            {
                silos.Add(await silo);
            }

            var membership = ClusterMembership.Redis(redis.Configuration, clusterId);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleansClient(client => membership.ConfigureClient(client));
            using var clientHost = builder.Build();
            await clientHost.StartAsync();
            var reports = new ConcurrentBag<ChunkReport>();
            await using var pool = new ClusterPool(clientHost.Services.GetRequiredService<IClusterClient>(),
                new ClusterPoolOptions { MaxChunksInFlight = 24, ChunkSettled = reports.Add });

            using var barrier = new Barrier();
            var victim = silos[1];
            var victimWorkers = WorkerProcesses.WorkersOf(victim.ProcessId);
            var everyWorker = silos.SelectMany(s => WorkerProcesses.WorkersOf(s.ProcessId)).ToHashSet();
            Assert.True(everyWorker.Count == 3 && victimWorkers.Count == 1,
                "expected one pool worker per silo: " + string.Join("; ", silos.Select(s => $"silo {s.ProcessId}: [{string.Join(", ", WorkerProcesses.WorkersOf(s.ProcessId))}]")));

            var outcomes = new ConcurrentDictionary<int, TaskOutcome<int>>();
            var duplicates = 0;
            var consuming = Task.Run(async () =>
            {
                await foreach (var outcome in pool.MapUnorderedAsync(ClusterTasks.AtBarrier, barrier.Arguments(60), chunkSize: 2))
                {
                    if (!outcomes.TryAdd(outcome.Index, outcome))
                    {
                        Interlocked.Increment(ref duplicates);
                    }
                }
            });
            await barrier.WaitUntilAsync(arrived => everyWorker.IsSubsetOf(arrived), "a chunk running in every silo process");
            victim.Kill();
            barrier.Release();
            await consuming.WaitAsync(TimeSpan.FromSeconds(90));

            Assert.Equal(0, duplicates);
            Assert.Equal(Enumerable.Range(0, 60), outcomes.Keys.Order());
            Assert.All(outcomes, pair => Assert.Equal(pair.Key, pair.Value.Result));
            var victimName = $"pid {victim.ProcessId})";
            var rerun = reports.Where(r => r.LostOn.Any(node => node.EndsWith(victimName, StringComparison.Ordinal))).ToList();
            Assert.NotEmpty(rerun);
            Assert.All(rerun, r => Assert.DoesNotContain(victimName, r.Node));
            Assert.Empty(await WorkerProcesses.StillRunningAfterAsync(victimWorkers, TimeSpan.FromSeconds(15)));

            // The survivors keep serving.
            Assert.Equal(Enumerable.Range(0, 40).Select(x => (long)x * x), await pool.MapAsync(ClusterTasks.SlowSquare, Enumerable.Range(0, 40)));
            await clientHost.StopAsync();
        }
        finally
        {
            silos.ForEach(s => s.Dispose());
        }
    }
}
