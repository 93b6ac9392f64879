using Interop.Runtime.Processes;
using Interop.Runtime.Tests.Native;
using Interop.Testing;

namespace Interop.Runtime.Tests.Processes;

/// <summary>The tasks the pool tests run; workers are Interop.Testing's host serving <see cref="Registry"/>.</summary>
public static class PoolTestTasks
{
    public const int CrashEvery = 100;   // stress: x % 100 == 13 segfaults
    public const int HangEvery = 100;    // stress: x % 100 == 57 hangs

    public static readonly WorkerTask<int, int> Square = new("square", x => x * x);

    /// <summary>A blittable struct argument (copied byte for byte): x * 1,000,000 + y.</summary>
    public static readonly WorkerTask<(int X, long Y), long> Combine = new("combine", pair => pair.X * 1_000_000L + pair.Y);

    public static readonly WorkerTask<int, int> ProcessId = new("pid", _ => Environment.ProcessId);

    public static readonly WorkerTask<int, int> SlowProcessId = new("slow-pid", _ =>
    {
        Thread.Sleep(100);
        return Environment.ProcessId;
    });

    /// <summary>Squares, except for the deliberate faults: -1 segfaults, -2 aborts, -3 calls exit(3), -4 spins forever, -5 throws.</summary>
    public static readonly WorkerTask<int, int> SquareOrFault = new("square-or-fault", x =>
    {
        switch (x)
        {
            case -1: Faults.interop_crash_null_deref(); break;
            case -2: Faults.interop_crash_abort(); break;
            case -3: Faults.interop_exit(3); break;
            case -4: Faults.interop_spin_forever(); break;
            case -5: throw new InvalidOperationException("bad input -5");
        }

        return x * x;
    });

    /// <summary>The stress mix: 1% segfault, 1% hang, the rest square (long, so 10,000² fits).</summary>
    public static readonly WorkerTask<int, long> StressSquare = new("stress-square", x =>
    {
        if (x % CrashEvery == 13)
        {
            Faults.interop_crash_null_deref();
        }

        if (x % HangEvery == 57)
        {
            Faults.interop_spin_forever();
        }

        return (long)x * x;
    }, timeout: TimeSpan.FromMilliseconds(300));

    public static readonly WorkerTask<string, string> Echo = new("echo", text =>
    {
        Console.WriteLine($"stdout noise {text}");
        Console.Out.Flush();
        Console.Error.WriteLine($"stderr noise {text}");
        return text.ToUpperInvariant();
    });

    /// <summary>Crashes the first time it runs for a given shared counter (argument: the counter's name).</summary>
    public static readonly WorkerTask<string, int> CrashOnce = new("crash-once", name =>
    {
        using var runs = SharedValue<int>.Open(name);
        if (Interlocked.Increment(ref runs.Value) == 1)
        {
            Faults.interop_crash_abort();
        }

        return 7;
    });

    /// <summary>Adds one to a shared counter atomically (argument: the counter's name).</summary>
    public static readonly WorkerTask<string, int> AtomicIncrement = new("atomic-increment", name =>
    {
        using var counter = SharedValue<long>.Open(name);
        Interlocked.Increment(ref counter.Value);
        return 0;
    });

    /// <summary>Non-atomic read-modify-write guarded by a shared lock (argument: "lock name\narray name").</summary>
    public static readonly WorkerTask<string, int> LockedIncrement = new("locked-increment", names =>
    {
        var parts = names.Split('\n');
        using var sharedLock = SharedLock.Open(parts[0]);
        using var cells = SharedArray<long>.Open(parts[1]);
        for (var i = 0; i < 100; i++)
        {
            using (sharedLock.Acquire())
            {
                var seen = cells[0];
                Thread.SpinWait(20);
                cells[0] = seen + 1;
            }
        }

        return 0;
    });

    /// <summary>
    /// Starts a pool of its own, publishes its workers' pids in a shared array (argument: its name) and
    /// blocks: the test then SIGKILLs this process and checks the grandchildren die with it.
    /// </summary>
    public static readonly WorkerTask<string, int> StartPoolAndBlock = new("start-pool-and-block", name =>
    {
        using var pids = SharedArray<int>.Open(name);
        var pool = ProcessPool.StartAsync(new PoolOptions { WorkerCount = 2, Worker = TestWorkers.For(typeof(PoolTestTasks)) })
            .GetAwaiter().GetResult();
        var ids = pool.WorkerProcessIds;
        pids[1] = ids[0];
        pids[2] = ids[1];
        Volatile.Write(ref pids[0], 1);
        Thread.Sleep(Timeout.Infinite);
        return 0;
    });

    /// <summary>The simple names of the assemblies loaded in the worker when the task runs, one per line.</summary>
    public static readonly WorkerTask<int, string> LoadedAssemblies = new("loaded-assemblies", _ =>
    {
        var names = new List<string>();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            names.Add(assembly.GetName().Name ?? "");
        }

        return string.Join('\n', names);
    });

    public static TaskRegistry Registry { get; } = new(
        Square, Combine, ProcessId, SlowProcessId, SquareOrFault, StressSquare, Echo, CrashOnce, AtomicIncrement, LockedIncrement, StartPoolAndBlock,
        LoadedAssemblies);
}
