using System.Runtime.CompilerServices;

namespace Interop.Runtime.Processes;

/// <summary>
/// One <typeparamref name="T"/> in shared memory, the lesson's <c>multiprocessing.Value</c>:
/// <c>Interlocked.Increment(ref counter.Value)</c> from any number of processes never loses an update.
/// </summary>
/// <typeparam name="T">An unmanaged type.</typeparam>
public sealed unsafe class SharedValue<T> : IDisposable
    where T : unmanaged
{
    private readonly SharedMemoryRegion _region;

    private SharedValue(SharedMemoryRegion region) => _region = region;

    /// <summary>What another process passes to <see cref="Open"/>.</summary>
    public string Name => _region.Name;

    /// <summary>A reference to the value, for reads, writes and <see cref="Interlocked"/>.</summary>
    public ref T Value => ref Unsafe.AsRef<T>(_region.Pointer);

    /// <summary>Creates a zero-initialized value.</summary>
    public static SharedValue<T> Create() => new(SharedMemoryRegion.Create(sizeof(T)));

    /// <summary>Opens a value created in another process.</summary>
    public static SharedValue<T> Open(string name) => new(SharedMemoryRegion.Open(name));

    /// <summary>Unmaps the value from this process.</summary>
    public void Dispose() => _region.Dispose();
}
