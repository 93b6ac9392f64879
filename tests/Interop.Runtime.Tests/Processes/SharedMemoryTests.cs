using Interop.Runtime.Processes;

namespace Interop.Runtime.Tests.Processes;

[Collection(WorkerProcessCollection.Name)]
public class SharedMemoryTests
{
    [Fact]
    public async Task Atomic_increments_from_many_processes_are_never_lost()
    {
        using var counter = SharedValue<long>.Create();
        await using var pool = await Pools.StartAsync(workers: 2);
        await pool.MapAsync(PoolTestTasks.AtomicIncrement, Enumerable.Repeat(counter.Name, 2000), chunkSize: 50);
        Assert.Equal(2000, counter.Value);
    }

    [Fact]
    public async Task A_shared_lock_serializes_read_modify_write_across_processes()
    {
        using var sharedLock = SharedLock.Create();
        using var cells = SharedArray<long>.Create(1);
        await using var pool = await Pools.StartAsync(workers: 2);
        await pool.MapAsync(PoolTestTasks.LockedIncrement, Enumerable.Repeat($"{sharedLock.Name}\n{cells.Name}", 20), chunkSize: 1);
        Assert.Equal(20 * 100, cells[0]);
    }

    [Fact]
    public void An_array_opened_by_name_sees_the_same_memory()
    {
        using var created = SharedArray<int>.Create(4);
        using var opened = SharedArray<int>.Open(created.Name);
        created[3] = 42;
        Interlocked.Add(ref opened[3], 8);
        Assert.Equal(50, created[3]);
        Assert.Equal(4, opened.Length);
        Assert.Throws<IndexOutOfRangeException>(() => created[4]);
    }

    [Fact]
    public void Shared_memory_leaves_no_file_behind()
    {
        var before = Directory.GetFiles("/dev/shm", "interop-shared-*");
        using (var value = SharedValue<long>.Create())
        {
            value.Value = 1;
            Assert.Equal(before, Directory.GetFiles("/dev/shm", "interop-shared-*"));
        }
    }

    [Fact]
    public void A_lock_held_by_a_dead_process_is_taken_over()
    {
        using var sharedLock = SharedLock.Create();
        using var word = SharedValue<int>.Open(sharedLock.Name);
        word.Value = int.MaxValue - 1; // no such process
        Assert.True(sharedLock.TryAcquire(TimeSpan.FromSeconds(30), out var held));
        held.Dispose();
    }

    [Fact]
    public void A_held_lock_times_out_for_a_second_taker()
    {
        using var sharedLock = SharedLock.Create();
        using var opened = SharedLock.Open(sharedLock.Name);
        using (sharedLock.Acquire())
        {
            Assert.False(opened.TryAcquire(TimeSpan.FromMilliseconds(50), out _));
        }

        Assert.True(opened.TryAcquire(TimeSpan.FromSeconds(5), out var again));
        again.Dispose();
    }
}
