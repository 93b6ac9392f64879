using System.Runtime.CompilerServices;

namespace Interop.Runtime.Processes;

/// <summary>
/// A fixed-length array of <typeparamref name="T"/> in shared memory, visible to the process that created
/// it and to every process that opens it by <see cref="Name"/> (pass the name to workers in a task
/// argument). The lesson's <c>multiprocessing.Array</c>, with atomics instead of a mandatory lock: the
/// indexer returns a reference, so <c>Interlocked.Add(ref counts[i], 1)</c> and
/// <c>Interlocked.CompareExchange(ref counts[i], new, old)</c> work across processes as they do across threads.
/// </summary>
/// <typeparam name="T">An unmanaged element type.</typeparam>
public sealed unsafe class SharedArray<T> : IDisposable
    where T : unmanaged
{
    private readonly SharedMemoryRegion _region;

    private SharedArray(SharedMemoryRegion region)
    {
        _region = region;
        Length = checked((int)(region.Length / sizeof(T)));
    }

    /// <summary>What another process passes to <see cref="Open"/>.</summary>
    public string Name => _region.Name;

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>A reference to element <paramref name="index"/>, for reads, writes and <see cref="Interlocked"/>.</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new IndexOutOfRangeException();
            }

            return ref Unsafe.AsRef<T>(_region.Pointer + ((long)index * sizeof(T)));
        }
    }

    /// <summary>Creates a zero-filled array of <paramref name="length"/> elements. The creator should outlive its users.</summary>
    public static SharedArray<T> Create(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return new SharedArray<T>(SharedMemoryRegion.Create((long)length * sizeof(T)));
    }

    /// <summary>Opens an array created in another process.</summary>
    public static SharedArray<T> Open(string name) => new(SharedMemoryRegion.Open(name));

    /// <summary>The elements as a span (plain, non-atomic access).</summary>
    public Span<T> AsSpan() => new(_region.Pointer, Length);

    /// <summary>Unmaps the array from this process.</summary>
    public void Dispose() => _region.Dispose();
}
