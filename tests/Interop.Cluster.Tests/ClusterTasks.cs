using Interop.Cluster.Tests.Native;
using Interop.Runtime.Processes;

namespace Interop.Cluster.Tests;

/// <summary>The tasks the cluster tests run; every silo's pool workers serve <see cref="Registry"/>.</summary>
public static class ClusterTasks
{
    public static readonly WorkerTask<int, long> Square = new("square", x => (long)x * x);

    /// <summary>Squares, except: -1 segfaults (the C core's null dereference), -4 spins forever, -5 throws.</summary>
    public static readonly WorkerTask<int, int> SquareOrFault = new("square-or-fault", x =>
    {
        switch (x)
        {
            case -1: Core.interop_crash_null_deref(); break;
            case -4: Core.interop_spin_forever(); break;
            case -5: throw new InvalidOperationException("bad input -5");
        }

        return x * x;
    });

    /// <summary>Sleeps 20 ms, then squares: a task that waits, like I/O.</summary>
    public static readonly WorkerTask<int, long> SlowSquare = new("slow-square", x =>
    {
        Thread.Sleep(20);
        return (long)x * x;
    });

    /// <summary>
    /// Arrives at a barrier and waits for its release, then returns the argument's number. Argument:
    /// "barrier name|arrivals name|number". Arrivals: slot 0 counts, slots 1.. hold each arriving worker's pid.
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

    public static TaskRegistry Registry { get; } = new(Square, SquareOrFault, SlowSquare, AtBarrier);
}
