using Interop.Runtime.Processes;
using Interop.Runtime.Processes.Protocol;

namespace Interop.Runtime.Tests.Processes;

/// <summary>The encoded chunk and its result as values that travel to another machine and back (what Interop.Cluster sends).</summary>
[Collection(WorkerProcessCollection.Name)]
public class EncodedChunkTests
{
    [Fact]
    public async Task A_chunk_that_went_through_bytes_runs_on_a_pool_and_its_outcomes_come_back_through_bytes()
    {
        await using var pool = await Pools.StartAsync(workers: 2);
        int[] inputs = [3, -1, 5, -5, 7];
        var wire = EncodedChunk.Encode(PoolTestTasks.SquareOrFault, inputs, firstIndex: 1000).ToBytes();

        var result = await pool.RunChunkAsync(EncodedChunk.FromBytes(wire), chunkSize: 2);
        var outcomes = ChunkResult.FromBytes(result.ToBytes()).Decode(PoolTestTasks.SquareOrFault);

        Assert.Equal([1000, 1001, 1002, 1003, 1004], outcomes.Select(o => o.Index));
        Assert.Equal([9, 25, 49], outcomes.Where(o => o.Succeeded).Select(o => o.Result));
        var crash = Assert.IsType<WorkerCrashedException>(outcomes[1].Error);
        Assert.Equal(11, crash.Signal);
        var thrown = Assert.IsType<WorkerTaskException>(outcomes[3].Error);
        Assert.Equal(typeof(InvalidOperationException).FullName, thrown.RemoteType);
        Assert.Contains("bad input -5", thrown.Message);
    }

    [Fact]
    public void A_failure_names_the_node_it_happened_on_after_the_trip()
    {
        var failure = TaskFailure.From(new WorkerCrashedException("square", 42, 139, ["segfault here"])) with { Node = "silo-2" };
        var crash = Assert.IsType<WorkerCrashedException>(failure.ToException("square"));
        Assert.Equal("silo-2", crash.Node);
        Assert.Equal(11, crash.Signal);
        Assert.Contains("Worker process 42 on silo-2 was killed by SIGSEGV", crash.Message);
    }

    [Fact]
    public void Every_truncation_of_an_encoded_chunk_or_result_is_a_clear_error()
    {
        var chunk = EncodedChunk.Encode(PoolTestTasks.Echo, ["a", "bc", ""], firstIndex: 7).ToBytes();
        for (var length = 0; length < chunk.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => EncodedChunk.FromBytes(chunk.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => EncodedChunk.FromBytes([.. chunk, 0]));
        var back = EncodedChunk.FromBytes(chunk);
        Assert.Equal((7, 3, "echo"), (back.FirstIndex, back.Count, back.TaskName));
        Assert.Equal(chunk, back.ToBytes());

        var builder = new ChunkResult.Builder("echo", 7, 2);
        builder.Succeed(0, "A"u8);
        builder.Fail(1, TaskFailure.From(new TimeoutException("too slow")));
        var result = builder.Build().ToBytes();
        for (var length = 0; length < result.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => ChunkResult.FromBytes(result.AsSpan(0, length)));
        }

        var decoded = ChunkResult.FromBytes(result).Decode(PoolTestTasks.Echo);
        Assert.Equal("A", decoded[0].Result);
        Assert.Equal("too slow", Assert.IsType<TimeoutException>(decoded[1].Error).Message);
    }
}
