using Interop.Cluster.Hosting;
using Interop.Runtime.Processes;
using Interop.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Interop.Cluster.Tests;

/// <summary>Tests that start clusters run one class at a time: 2 cores, and process counts are theirs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "clusters";
}

/// <summary>In-process Orleans clusters whose silos each host a one-worker pool, with failure detection tuned to seconds.</summary>
internal static class TestClusters
{
    public static async Task<InProcessTestCluster> StartAsync(int silos)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInteropPool(ClusterTasks.Registry, new PoolOptions
            {
                WorkerCount = 1,
                Worker = TestWorkers.For(typeof(ClusterTasks)),
                WorkerOutput = static _ => { },
            });
            silo.Services.Configure<ClusterMembershipOptions>(FastFailureDetection);
        });
        // As ClusterMembership.ConfigureClient does for real deployments: a silo that joins becomes a gateway soon.
        builder.ConfigureClient(client => client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A dead silo is declared dead in about two seconds instead of the production default of about a minute.</summary>
    public static void FastFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The pool hosted by <paramref name="silo"/>.</summary>
    public static SiloPool PoolOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<SiloPool>();

    /// <summary>How <see cref="ChunkReport.Node"/> names <paramref name="silo"/>.</summary>
    public static string NodeOf(InProcessSiloHandle silo) => PoolOf(silo).Node.ToString();
}
