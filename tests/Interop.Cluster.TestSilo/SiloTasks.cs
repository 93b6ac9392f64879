using Interop.Runtime.Processes;

namespace Interop.Cluster.TestSilo;

/// <summary>The tasks the out-of-process silos serve (the tests declare the same ones by referencing this assembly).</summary>
public static class SiloTasks
{
    /// <summary>Sleeps 20 ms, then squares: long enough that a SIGKILL lands mid-map.</summary>
    public static readonly WorkerTask<int, long> SlowSquare = new("slow-square", x =>
    {
        Thread.Sleep(20);
        return (long)x * x;
    });

    public static TaskRegistry Registry { get; } = new(SlowSquare);
}
