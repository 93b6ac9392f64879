namespace Interop.Cluster.Grains;

/// <summary>Which silo ran a chunk, and how many workers its pool has (what the coordinator sizes its in-flight bound by).</summary>
[GenerateSerializer, Immutable, Alias("Interop.Cluster.NodeInfo")]
internal sealed record NodeInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Host,
    [property: Id(2)] int ProcessId,
    [property: Id(3)] int WorkerCount)
{
    /// <summary>"host (silo address, pid N)": how errors name a node.</summary>
    public override string ToString() => $"{Host} (silo {Silo}, pid {ProcessId})";
}
