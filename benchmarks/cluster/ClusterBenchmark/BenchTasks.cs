using System.Diagnostics;
using Interop.Runtime.Processes;

namespace ClusterBenchmark;

public static class BenchTasks
{
    public static readonly WorkerTask<int, long> Square = new("square", x => (long)x * x);

    /// <summary>Waits 100 ms: I/O-like, so distribution (not cores) is what scales it.</summary>
    public static readonly WorkerTask<int, long> Wait = new("wait", x =>
    {
        Thread.Sleep(100);
        return x;
    });

    /// <summary>About 20 ms of integer work on an idle core: CPU-bound, capped by the machine's 2 cores.</summary>
    public static readonly WorkerTask<int, long> Burn = new("burn", x =>
    {
        var clock = Stopwatch.StartNew();
        long acc = x;
        while (clock.ElapsedMilliseconds < 20)
        {
            for (var i = 0; i < 10_000; i++)
            {
                acc = acc * 6364136223846793005L + 1442695040888963407L;
            }
        }

        return acc;
    });

    public static TaskRegistry Registry { get; } = new(Square, Wait, Burn);
}
