using Interop.Runtime.Processes;
using Tour.Native;

namespace Tour;

/// <summary>The tasks the tour's process pool runs; the parent and its workers are the same program, so both see them.</summary>
internal static class PoolTasks
{
    /// <summary>The input whose task crashes its worker on purpose.</summary>
    public const int Poison = 5;

    // <snippet:pool-task>
    // A task is a name plus a function; only the name and the encoded argument cross to the worker.
    public static readonly WorkerTask<int, uint> Checksum = new("checksum", seed =>
    {
        if (seed == Poison)
        {
            Faults.interop_crash_null_deref();        // a NULL-pointer write in C: this worker dies of SIGSEGV
        }

        var block = new byte[4 << 20];
        new Random(seed).NextBytes(block);
        return Core.interop_crc32c(Core.INTEROP_CRC32C_INIT, block);   // CPU-bound work, in C, in the worker
    });
    // </snippet>

    public static readonly TaskRegistry Registry = new(Checksum);
}
