using Interop.Cluster.Tests.Native;
using Interop.Cluster.TestSilo;
using Interop.Runtime.Processes;

namespace Interop.Cluster.Tests;

/// <summary>The tasks the cluster tests run; every silo's pool workers serve <see cref="Registry"/>.</summary>
public static class ClusterTasks
{
    public static readonly WorkerTask<int, long> Square = new("square", x => (long)x * x);

    /// <summary>Squares, except: -1 segfaults (the C core's null dereference), -4 spins forever (past its 3 s timeout), -5 throws.</summary>
    public static readonly WorkerTask<int, int> SquareOrFault = new("square-or-fault", x =>
    {
        switch (x)
        {
            case -1: Faults.interop_crash_null_deref(); break;
            case -4: Faults.interop_spin_forever(); break;
            case -5: throw new InvalidOperationException("bad input -5");
        }

        return x * x;
    }, timeout: TimeSpan.FromSeconds(3));

    /// <summary>Sleeps 20 ms, then squares: a task that waits, like I/O (shared with the out-of-process silos).</summary>
    public static readonly WorkerTask<int, long> SlowSquare = SiloTasks.SlowSquare;

    /// <summary>Waits at a cross-process <see cref="Barrier"/> (shared with the out-of-process silos).</summary>
    public static readonly WorkerTask<string, int> AtBarrier = SiloTasks.AtBarrier;

    public static TaskRegistry Registry { get; } = new(Square, SquareOrFault, SlowSquare, AtBarrier);
}
