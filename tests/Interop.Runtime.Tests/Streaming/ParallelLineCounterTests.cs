using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class ParallelLineCounterTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Theory]
    [InlineData(11, 1, 100, true)]
    [InlineData(12, 2, 7, true)]
    [InlineData(13, 3, 1000, false)]
    [InlineData(14, 8, 64, false)]
    public async Task Chunked_file_scans_agree_with_grep(int seed, int workers, int chunkSize, bool mapped)
    {
        var path = GrepOracle.WriteRandomFile(temp.Path, seed, 80_000, "ERO x\n"u8, "ERROR"u8);
        var options = new LineScanOptions { MaxDegreeOfParallelism = workers, ChunkSize = chunkSize, BufferSize = 32, MemoryMapping = mapped };

        Assert.Equal(await GrepOracle.CountAsync(path, "ERROR"), ParallelLineCounter.Count(path, new ManagedLineMatcher("ERROR"), options));
    }

    [Theory]
    [InlineData(21, 1, 6)]
    [InlineData(22, 4, 50)]
    public async Task Streamed_blocks_agree_with_grep(int seed, int workers, int bufferSize)
    {
        var path = GrepOracle.WriteRandomFile(temp.Path, seed, 80_000, "ERO x\n"u8, "ERROR"u8);
        var options = new LineScanOptions { MaxDegreeOfParallelism = workers, BufferSize = bufferSize };
        await using var stream = File.OpenRead(path);

        Assert.Equal(await GrepOracle.CountAsync(path, "ERROR"), await ParallelLineCounter.CountAsync(stream, new ManagedLineMatcher("ERROR"), options));
    }

    [Fact]
    public void A_failing_kernel_fails_the_scan()
    {
        var path = temp.File("fail.log", "a\nb\nc\n"u8);

        Assert.Throws<InvalidOperationException>(() =>
            ParallelLineCounter.Count(path, new FailingMatcher(), new LineScanOptions { ChunkSize = 2, MaxDegreeOfParallelism = 2 }));
    }

    private sealed class FailingMatcher : ILineMatcher
    {
        public int NeedleLength => 1;

        public long CountMatchingLines(ReadOnlySpan<byte> lines) => throw new InvalidOperationException("kernel failed");
    }
}
