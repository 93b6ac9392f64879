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

    /// <summary>
    /// Arrives at a barrier and waits for its release, then returns the argument's number. Argument:
    /// "barrier name|arrivals name|number" (shared memory, so it works across processes). Arrivals: slot 0
    /// counts, slots 1.. hold each arriving worker's pid.
    /// </summary>
    public static readonly WorkerTask<string, int> AtBarrier = new("at-barrier", text =>
    {
        var parts = text.Split('|');
        using var release = SharedValue<int>.Open(parts[0]);
        using var arrivals = SharedArray<int>.Open(parts[1]);
        var slot = Interlocked.Increment(ref arrivals[0]);
        if (slot < arrivals.Length)
        {
            Volatile.Write(ref arrivals[slot], Environment.ProcessId);
        }

        while (Volatile.Read(ref release.Value) == 0)
        {
            Thread.Sleep(2);
        }

        return int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
    });

    public static TaskRegistry Registry { get; } = new(SlowSquare, AtBarrier);
}
