using System.Net;
using Interop.Cluster;
using Interop.Cluster.Hosting;
using Interop.Runtime.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ClusterExample;

/// <summary>What one process of the example is: a silo, or a client that maps work over the cluster.</summary>
internal static class Roles
{
    /// <summary>A silo: joins the cluster, hosts a pool of <paramref name="workers"/> workers, runs until stopped.</summary>
    public static async Task<int> RunSiloAsync(ClusterMembership membership, int siloPort, int gatewayPort, int workers, IPAddress? advertise)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            membership.ConfigureSilo(silo, siloPort, gatewayPort, advertise);
            silo.AddInteropPool(DemoTasks.Registry, new PoolOptions { WorkerCount = workers });
            silo.Configure<ClusterMembershipOptions>(FastFailureDetection);
        });
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine($"ready: silo pid {Environment.ProcessId}, {workers} workers, silo port {siloPort}, gateway port {gatewayPort}");
        await host.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>A client host connected to the cluster.</summary>
    public static async Task<IHost> ConnectAsync(ClusterMembership membership, params int[] gatewayPorts)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => membership.ConfigureClient(client, gatewayPorts));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The client's work: maps <paramref name="count"/> tasks and checks every index got exactly one right answer.</summary>
    public static async Task<bool> MapAndCheckAsync(IHost client, int count, Action<ChunkReport>? onChunk = null)
    {
        var reports = new List<ChunkReport>();
        await using var pool = new ClusterPool(client.Services.GetRequiredService<IClusterClient>(), new ClusterPoolOptions
        {
            ChunkSettled = report =>
            {
                lock (reports)
                {
                    reports.Add(report);
                }

                onChunk?.Invoke(report);
            },
        });

        var answers = new int[count];
        var failures = 0;
        await foreach (var outcome in pool.MapUnorderedAsync(DemoTasks.PrimesInBlock, Enumerable.Range(0, count), chunkSize: 10))
        {
            answers[outcome.Index]++;
            if (!outcome.Succeeded || outcome.Result != DemoTasks.CountPrimes(outcome.Index))
            {
                failures++;
                Console.WriteLine($"task {outcome.Index}: wrong or failed: {outcome.Error?.Message ?? outcome.Result.ToString()}");
            }
        }

        var exactlyOnce = answers.Count(a => a == 1);
        Console.WriteLine($"{exactlyOnce} of {count} tasks have exactly one result; {failures} wrong or failed.");
        foreach (var node in reports.GroupBy(r => r.Node).OrderBy(g => g.Key))
        {
            Console.WriteLine($"  {node.Count(),4} chunks answered by {node.Key}");
        }

        foreach (var rerun in reports.Where(r => r.LostOn.Count > 0))
        {
            Console.WriteLine($"  tasks {rerun.FirstIndex}..{rerun.FirstIndex + rerun.Count - 1} re-ran on {rerun.Node} after being lost on {string.Join(", ", rerun.LostOn)}");
        }

        return exactlyOnce == count && failures == 0;
    }

    /// <summary>A dead silo is declared dead in about two seconds (the default is tuned for big clusters: about a minute).</summary>
    private static void FastFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
    }
}
