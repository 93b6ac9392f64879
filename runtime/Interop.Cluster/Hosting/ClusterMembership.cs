using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Interop.Cluster.Hosting;

/// <summary>
/// How the silos of a cluster pool find each other and how clients find them, configured once for both
/// sides: Redis (a real deployment: every machine points at the same Redis) or localhost (development:
/// every silo and the client on one machine).
/// </summary>
public sealed class ClusterMembership
{
    private ClusterMembership(string clusterId, string? redis, int primarySiloPort)
    {
        ClusterId = clusterId;
        RedisConfiguration = redis;
        PrimarySiloPort = primarySiloPort;
    }

    /// <summary>The cluster's id: silos and clients with the same id and membership store form one cluster.</summary>
    public string ClusterId { get; }

    /// <summary>The StackExchange.Redis configuration string ("host:port,..."), or null in localhost mode.</summary>
    public string? RedisConfiguration { get; }

    /// <summary>Localhost mode: the silo port of the primary silo, which the others join through.</summary>
    public int PrimarySiloPort { get; }

    /// <summary>Membership kept in Redis (Microsoft.Orleans.Clustering.Redis): silos on any machines that reach it.</summary>
    public static ClusterMembership Redis(string configuration, string clusterId = "interop")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return new ClusterMembership(clusterId, configuration, 0);
    }

    /// <summary>Development clustering on loopback: the primary silo listens on <paramref name="primarySiloPort"/>.</summary>
    public static ClusterMembership Localhost(int primarySiloPort = 11111, string clusterId = "interop")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return new ClusterMembership(clusterId, null, primarySiloPort);
    }

    /// <summary>
    /// Configures a silo listening on <paramref name="siloPort"/> (peers) and <paramref name="gatewayPort"/>
    /// (clients), advertising <paramref name="advertisedAddress"/> to its peers (Redis mode; default loopback:
    /// on a real network pass the machine's own address).
    /// </summary>
    public void ConfigureSilo(ISiloBuilder silo, int siloPort, int gatewayPort, IPAddress? advertisedAddress = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (RedisConfiguration is { } redis)
        {
            silo.UseRedisClustering(redis);
            silo.ConfigureEndpoints(advertisedAddress ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: advertisedAddress is not null);
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, PrimarySiloPort), ClusterId, ClusterId);
        }

        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
    }

    /// <summary>
    /// Configures a client; <paramref name="gatewayPorts"/> are the silos' gateway ports in localhost mode.
    /// The gateway list is refreshed every 5 seconds (Orleans' default is a minute).
    /// </summary>
    public void ConfigureClient(IClientBuilder client, params int[] gatewayPorts)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (RedisConfiguration is { } redis)
        {
            client.UseRedisClustering(redis);
        }
        else
        {
            client.UseLocalhostClustering(gatewayPorts.Length > 0 ? gatewayPorts : [30000], ClusterId, ClusterId);
        }

        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));

        // A silo that joins mid-map becomes a gateway the client sends chunks through within seconds, not a minute.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
    }
}
