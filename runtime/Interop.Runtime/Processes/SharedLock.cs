using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Interop.Runtime.Processes;

/// <summary>
/// A mutual-exclusion lock shared between processes, for the rare update that atomics cannot express.
/// The lock word in shared memory holds the owner's process id; a waiter that finds the owner dead
/// (crashed while holding it) takes the lock over instead of waiting forever. Not reentrant.
/// </summary>
public sealed unsafe class SharedLock : IDisposable
{
    private readonly SharedMemoryRegion _region;

    private SharedLock(SharedMemoryRegion region) => _region = region;

    /// <summary>What another process passes to <see cref="Open"/>.</summary>
    public string Name => _region.Name;

    private ref int Owner => ref Unsafe.AsRef<int>(_region.Pointer);

    /// <summary>Creates an unlocked lock.</summary>
    public static SharedLock Create() => new(SharedMemoryRegion.Create(sizeof(long)));

    /// <summary>Opens a lock created in another process.</summary>
    public static SharedLock Open(string name) => new(SharedMemoryRegion.Open(name));

    /// <summary>Waits for the lock; dispose the result to release it (<c>using (sharedLock.Acquire()) { ... }</c>).</summary>
    public Releaser Acquire() =>
        TryAcquire(Timeout.InfiniteTimeSpan, out var releaser) ? releaser : throw new UnreachableException();

    /// <summary>Waits up to <paramref name="timeout"/> for the lock.</summary>
    public bool TryAcquire(TimeSpan timeout, out Releaser releaser)
    {
        var me = Environment.ProcessId;
        var started = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (true)
        {
            var owner = Interlocked.CompareExchange(ref Owner, me, 0);
            if (owner == 0)
            {
                releaser = new Releaser(this);
                return true;
            }

            if (spinner.Count > 0 && spinner.Count % 64 == 0 && owner != me && !IsAlive(owner))
            {
                // The owner died holding the lock; whoever swaps it out first inherits it.
                if (Interlocked.CompareExchange(ref Owner, me, owner) == owner)
                {
                    releaser = new Releaser(this);
                    return true;
                }
            }

            if (timeout != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(started) >= timeout)
            {
                releaser = default;
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: 30);
        }
    }

    /// <summary>Unmaps the lock from this process.</summary>
    public void Dispose() => _region.Dispose();

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Holds the lock until disposed.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly SharedLock? _owner;

        internal Releaser(SharedLock owner) => _owner = owner;

        /// <summary>Releases the lock.</summary>
        public void Dispose()
        {
            if (_owner is not null)
            {
                Volatile.Write(ref _owner.Owner, 0);
            }
        }
    }
}
