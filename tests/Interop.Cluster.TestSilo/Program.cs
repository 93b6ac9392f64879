using Interop.Cluster.Hosting;
using Interop.Cluster.TestSilo;
using Interop.Runtime.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

// Usage: Interop.Cluster.TestSilo <redis configuration> <cluster id> <silo port> <gateway port> <workers>
if (ProcessWorker.IsWorkerInvocation(args))
{
    return ProcessWorker.Run(SiloTasks.Registry);
}

var membership = ClusterMembership.Redis(args[0], args[1]);
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo =>
{
    membership.ConfigureSilo(silo, int.Parse(args[2]), int.Parse(args[3]));
    silo.AddInteropPool(SiloTasks.Registry, new PoolOptions { WorkerCount = int.Parse(args[4]) });
    silo.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
    });
});
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
