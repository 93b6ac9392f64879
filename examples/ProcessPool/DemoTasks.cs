using Interop.Runtime.Processes;
using ProcessPoolExample.Native;

namespace ProcessPoolExample;

/// <summary>The tasks of the demo; the parent and its workers are the same program, so both see them.</summary>
internal static class DemoTasks
{
    /// <summary>The lesson's worker_task: announce, work for a second, square.</summary>
    public static readonly WorkerTask<int, int> Square = new("square", x =>
    {
        var pid = Environment.ProcessId;
        Console.WriteLine($"Process {pid}: Working on {x}");
        Thread.Sleep(TimeSpan.FromSeconds(1)); // simulate CPU-bound work
        Console.WriteLine($"Process {pid}: Finished {x}");
        return x * x;
    });

    /// <summary>Squares, but 5 makes a NULL-pointer write in C (the test-only faults library).</summary>
    public static readonly WorkerTask<int, int> SquareOrSegfault = new("square-or-segfault", x =>
    {
        if (x == 5)
        {
            Console.Error.WriteLine($"Process {Environment.ProcessId}: about to dereference NULL for {x}");
            Faults.interop_crash_null_deref();
        }

        return x * x;
    });

    public static readonly TaskRegistry Registry = new(Square, SquareOrSegfault);
}
