using System.Net;
using ClusterExample;
using Interop.Cluster.Hosting;
using Interop.Runtime.Processes;

// Pool workers are this same program started again by a silo with --interop-worker.
if (ProcessWorker.IsWorkerInvocation(args))
{
    return ProcessWorker.Run(DemoTasks.Registry);
}

var role = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "demo";
string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var clusterId = Option("--cluster-id") ?? "interop-example";
var membership = Option("--redis") is { } redis
    ? ClusterMembership.Redis(redis, clusterId)
    : ClusterMembership.Localhost(int.Parse(Option("--primary-port") ?? "11111"), clusterId);

switch (role)
{
    case "silo":
        return await Roles.RunSiloAsync(membership,
            int.Parse(Option("--silo-port") ?? "11111"),
            int.Parse(Option("--gateway-port") ?? "30000"),
            int.Parse(Option("--workers") ?? Environment.ProcessorCount.ToString()),
            Option("--advertise") is { } address ? IPAddress.Parse(address) : null);

    case "client":
        var gateways = (Option("--gateways") ?? "30000").Split(',').Select(int.Parse).ToArray();
        using (var client = await Roles.ConnectAsync(membership, gateways))
        {
            var ok = await Roles.MapAndCheckAsync(client, int.Parse(Option("--count") ?? "3000"));
            await client.StopAsync();
            return ok ? 0 : 1;
        }

    case "demo":
        return await Demo.RunAsync(localhost: args.Contains("--localhost"), count: int.Parse(Option("--count") ?? "3000"));

    default:
        Console.Error.WriteLine("usage: ClusterExample [demo [--localhost]] | silo (--redis HOST:PORT | --localhost) [--advertise IP] [--silo-port P] [--gateway-port P] [--workers N] | client (--redis HOST:PORT | --localhost --gateways P,P) [--count N]");
        return 2;
}
